// SPEC §4 (Re)notify, bulk: the result page a distribution redirects to (POST-redirect-GET: a refresh shows the
// result again and notifies nobody twice).
import type { Realm } from '../../../realms/realm.ts';
import type { StaffSession } from '../../auth/session.ts';
import { AdminLayout } from '../../views/admin-layout.tsx';
import type { DistributionView } from '../../notify/distribution-view.ts';
import { DistributionMessages } from './distribution-messages.tsx';
import { BACK_TO_LIST, BACK_TO_LIST_HREF } from './labels.ts';

export function DistributionPage({ realm, session, view }: { realm: Realm; session: StaffSession; view: DistributionView }) {
  return (
    <AdminLayout realm={realm} title="Distribution des comptes" session={session} tab="responsables">
      <h1>Distribution des comptes</h1>
      <DistributionMessages view={view} single={false} realmName={realm.displayName} />
      <p>
        <a href={BACK_TO_LIST_HREF}>{BACK_TO_LIST}</a>
      </p>
    </AdminLayout>
  );
}
