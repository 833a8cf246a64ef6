// SPEC §4 Renvoyer un courriel d'activation (guide §5.6): "Vérification de l'adresse mail" — the admin checks
// the address and may correct it before the C07 goes out again.
import type { Realm } from '../../../realms/realm.ts';
import type { StaffSession } from '../../auth/session.ts';
import { AdminLayout, CsrfField } from '../../views/admin-layout.tsx';

export const INVALID_EMAIL = 'Adresse électronique invalide.';

export function ActivationPage({ realm, session, accountId, identifier, email, error }: { realm: Realm; session: StaffSession; accountId: string; identifier: string; email: string; error?: string }) {
  return (
    <AdminLayout realm={realm} title="Vérification de l'adresse mail" session={session} tab="responsables">
      <h1>Vérification de l'adresse mail</h1>
      <form method="post" action={`/admin/responsables/compte/${accountId}/activation`} class="card narrow" novalidate>
        <CsrfField session={session} />
        <p>
          Compte <span class="identifier">{identifier}</span> : le courriel d'activation sera envoyé à cette adresse.
        </p>
        <div class="field">
          <label for="email">Adresse mail :</label>
          {error && (
            <p id="email-erreur" class="flash flash-error" role="alert">
              {error}
            </p>
          )}
          <input
            type="email"
            id="email"
            name="email"
            value={email}
            required
            autocomplete="off"
            spellcheck={false}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'email-erreur' : undefined}
          />
        </div>
        <button type="submit">Valider</button>{' '}
        <a href={`/admin/responsables/compte/${accountId}`} class="button secondary">
          Annuler
        </a>
      </form>
    </AdminLayout>
  );
}
