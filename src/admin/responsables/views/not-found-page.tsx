// The console's 404: the same page whether the id exists elsewhere or not at all (an admin learns nothing).
import type { Realm } from '../../../realms/realm.ts';
import type { StaffSession } from '../../auth/session.ts';
import { AdminLayout } from '../../views/admin-layout.tsx';
import { BACK_TO_LIST, BACK_TO_LIST_HREF } from './labels.ts';

export const ACCOUNT_NOT_FOUND = "Ce compte est introuvable : il n'existe pas, a été supprimé (regroupement de comptes) ou n'est rattaché à aucun élève de votre établissement.";
export const SELECTION_NOT_FOUND =
  'Les comptes sélectionnés sont introuvables : ils ont été supprimés (regroupement de comptes) ou ne sont rattachés à aucun élève de votre établissement.';
export const DISTRIBUTION_NOT_FOUND = "Cette distribution est introuvable : elle n'existe pas, ou elle a été faite par un autre administrateur ou pour un autre établissement.";

export function NotFoundPage({ realm, session, title, message }: { realm: Realm; session: StaffSession; title: string; message: string }) {
  return (
    <AdminLayout realm={realm} title={title} session={session} tab="responsables">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={BACK_TO_LIST_HREF}>{BACK_TO_LIST}</a>
      </p>
    </AdminLayout>
  );
}
