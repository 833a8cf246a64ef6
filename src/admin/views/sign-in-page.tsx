import type { Realm } from '../../realms/realm.ts';
import { AdminLayout, Flash } from '../views/admin-layout.tsx';

export function SignInPage({ realm, csrf, error, login }: { realm: Realm; csrf: string; error?: string; login?: string }) {
  return (
    <AdminLayout realm={realm} title="Connexion">
      <h1>Connexion à l'administration des comptes</h1>
      {error && <Flash kind="error">{error}</Flash>}
      <form method="post" action="/admin/connexion" class="card narrow">
        <input type="hidden" name="_csrf" value={csrf} />
        <div class="field">
          <label for="login">Identifiant</label>
          <input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck={false} required value={login ?? ''} />
        </div>
        <div class="field">
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">Se connecter</button>
      </form>
    </AdminLayout>
  );
}

export function SignedOutPage({ realm }: { realm: Realm }) {
  return (
    <AdminLayout realm={realm} title="Déconnexion">
      <h1>Vous êtes déconnecté</h1>
      <Flash kind="success">Votre session d'administration des comptes est terminée.</Flash>
      <p>
        <a href="/admin/connexion">Se reconnecter</a>
      </p>
    </AdminLayout>
  );
}
