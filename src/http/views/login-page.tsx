// SPEC §5 login page: identifier and password. Its behaviour (flows, throttling, eye) comes with the family flows.
import type { Realm } from '../../realms/realm.ts';
import { Layout } from './layout.tsx';

export function LoginPage({ realm, notice, identifier }: { realm: Realm; notice?: string; identifier?: string }) {
  return (
    <Layout realm={realm} title="Connexion">
      <h1>Accéder à mes services en ligne</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form class="card" method="post" action="/login" novalidate>
        <div class="field">
          <label for="identifier">Identifiant</label>
          <input id="identifier" name="identifier" type="text" autocomplete="username" autocapitalize="none" spellcheck={false} required value={identifier ?? ''} />
        </div>
        <div class="field">
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">Se connecter</button>
      </form>
      <p>
        <a href="/aide">Besoin d'aide ?</a>
      </p>
    </Layout>
  );
}
