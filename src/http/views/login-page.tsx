// SPEC §5 login page: identifier and password with an eye to reveal it, the self-service links, and a
// message that never tells whether an identifier exists.
import type { Realm } from '../../realms/realm.ts';
import { Layout } from './layout.tsx';

export interface LoginPageProps {
  realm: Realm;
  csrf: string;
  identifier?: string;
  returnTo?: string;
  notice?: { kind: 'success' | 'error'; text: string };
  /** The realm offers FranceConnect and it is configured (issue 9). */
  franceConnect?: boolean;
}

export function LoginPage({ realm, csrf, identifier, returnTo, notice, franceConnect }: LoginPageProps) {
  const guardians = Boolean(realm.populations.guardian);
  return (
    <Layout realm={realm} title="Connexion">
      <h1>Accéder à mes services en ligne</h1>
      {notice && (
        <p class={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {franceConnect && guardians && (
        <section class="franceconnect" aria-labelledby="franceconnect-title">
          <h2 id="franceconnect-title" class="franceconnect-title">
            Responsable : connectez-vous avec FranceConnect
          </h2>
          <a class="franceconnect-button" href={returnTo ? `/franceconnect/connexion?retour=${encodeURIComponent(returnTo)}` : '/franceconnect/connexion'}>
            <span class="franceconnect-login">S'identifier avec</span> <span class="franceconnect-brand">FranceConnect</span>
          </a>
          <p class="franceconnect-about">
            <a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu'est-ce que FranceConnect ? - nouvelle fenêtre">
              Qu'est-ce que FranceConnect ?<span class="visually-hidden"> (nouvelle fenêtre)</span>
            </a>
          </p>
          <p class="franceconnect-or">ou avec votre identifiant et votre mot de passe</p>
        </section>
      )}
      <form class="card" method="post" action="/login" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        {returnTo && <input type="hidden" name="retour" value={returnTo} />}
        <div class="field">
          <label for="identifier">Identifiant</label>
          <input id="identifier" name="identifier" type="text" autocomplete="username" autocapitalize="none" spellcheck={false} required value={identifier ?? ''} />
        </div>
        <div class="field">
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required data-eye />
        </div>
        <button type="submit">Se connecter</button>
      </form>
      <ul class="login-links">
        <li>
          <a href="/recuperation/identifiant">Identifiant perdu</a>
        </li>
        <li>
          <a href="/recuperation/mot-de-passe">Mot de passe perdu</a>
        </li>
        <li>
          <a href="/inscription">Je n'ai pas de compte</a>
        </li>
        <li>
          <a href="/aide">Besoin d'aide ?</a>
        </li>
      </ul>
      {!guardians && <p class="hint">Élève : vos codes vous sont remis par votre établissement.</p>}
      <script src="/assets/password-eye.js" defer></script>
    </Layout>
  );
}
