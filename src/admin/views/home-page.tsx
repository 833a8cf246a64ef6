// SPEC §4 Accueil (guide §4.1): choose the establishment to administer when there are several.
import type { Realm } from '../../realms/realm.ts';
import type { StaffSession } from '../auth/session.ts';
import { AdminLayout, CsrfField, Flash } from './admin-layout.tsx';

export function HomePage({ realm, session, notice }: { realm: Realm; session: StaffSession; notice?: { kind: 'success' | 'warning' | 'error'; text: string } }) {
  const several = session.establishments.length > 1;
  return (
    <AdminLayout realm={realm} title="Accueil" session={session} tab="accueil">
      <h1>Accueil</h1>
      {notice && <Flash kind={notice.kind}>{notice.text}</Flash>}
      {session.establishments.length === 0 && (
        <Flash kind="warning">Aucun établissement ne vous est rattaché : adressez-vous à l'assistance de votre académie.</Flash>
      )}
      {several && (
        <form method="post" action="/admin/etablissement" class="card">
          <CsrfField session={session} />
          <div class="field">
            <label for="establishment">Établissement à administrer</label>
            <select id="establishment" name="establishmentId">
              {session.establishments.map((e) => (
                <option value={String(e.id)} selected={session.current?.id === e.id}>
                  {`${e.uai} - ${e.name}`}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Choisir cet établissement</button>
        </form>
      )}
      {session.current ? (
        <section aria-labelledby="gestion">
          <h2 id="gestion">Gestion des comptes</h2>
          <ul class="links">
            <li>
              <a href="/admin/responsables">Responsables</a> : rechercher, notifier, lister, réinitialiser les comptes des responsables.
            </li>
            <li>
              <a href="/admin/statistiques">Statistiques</a> : suivre l'activation des comptes.
            </li>
          </ul>
        </section>
      ) : (
        several && <p>Choisissez l'établissement sur lequel vous souhaitez travailler.</p>
      )}
    </AdminLayout>
  );
}
