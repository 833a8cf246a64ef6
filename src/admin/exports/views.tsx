// SPEC §4 Lister les comptes: the page shown when the list would be empty (nothing checked, or nothing here).
import type { Realm } from '../../realms/realm.ts';
import type { StaffSession } from '../auth/session.ts';
import { AdminLayout, Flash } from '../views/admin-layout.tsx';

export const EMPTY_SELECTION_MESSAGE = 'Aucun compte sélectionné : cochez au moins un responsable dans la liste.';

export function EmptySelectionPage({ realm, session }: { realm: Realm; session: StaffSession }) {
  return (
    <AdminLayout realm={realm} title="Lister les comptes" session={session} tab="responsables">
      <h1>Lister les comptes</h1>
      <Flash kind="error">{EMPTY_SELECTION_MESSAGE}</Flash>
      <p>
        <a href="/admin/responsables">Revenir à la liste des responsables</a>
      </p>
    </AdminLayout>
  );
}
