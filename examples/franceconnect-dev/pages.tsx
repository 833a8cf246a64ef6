/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The development FranceConnect's pages: French, accessible (landmarks, a fieldset with a legend for the
// choice, focus on the first choice), no script and no inline style, so they work without JavaScript.
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { FranceConnectDevIdentity } from './identities.ts';

export const STYLE_PATH = '/static/franceconnect-dev.css';

export function html(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

function Frame({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – FranceConnect (développement)`}</title>
        <link rel="stylesheet" href={STYLE_PATH} />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header>
          <p class="brand">FranceConnect</p>
          <p class="tagline">Fournisseur d'identité de développement : les identités proposées sont fictives.</p>
        </header>
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
/** "1er décembre 1975", as French writes the first day of a month. */
const birthDate = (iso: string) => DATE.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');

export function LoginPage(props: {
  action: string;
  cancelAction: string;
  service: string;
  identities: readonly FranceConnectDevIdentity[];
  error?: string;
}) {
  return (
    <Frame title="Choisir une identité">
      <h1>Connexion avec FranceConnect</h1>
      <p>
        Le service « {props.service} » demande à vérifier votre identité. Choisissez la personne fictive avec laquelle vous
        connecter.
      </p>
      {props.error && (
        <p class="error" role="alert" id="erreur">
          {props.error}
        </p>
      )}
      <form method="post" action={props.action}>
        <fieldset aria-describedby={props.error ? 'erreur' : undefined}>
          <legend>Identité fictive</legend>
          {props.identities.map((identity, index) => (
            <div class="choice" key={identity.sub}>
              <input type="radio" name="identity" id={`identite-${index}`} value={identity.sub} required autoFocus={index === 0} />
              <label for={`identite-${index}`}>
                <span class="name">
                  {identity.given_name} {identity.family_name}
                </span>
                <span class="hint">
                  Né{identity.gender === 'female' ? 'e' : ''} le {birthDate(identity.birthdate)} ·{' '}
                  {identity.hint}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit">Continuer</button>
          <button type="submit" class="secondary" formAction={props.cancelAction} formNoValidate>
            Annuler et revenir au service
          </button>
        </p>
      </form>
    </Frame>
  );
}

const PROVIDER_ERRORS: Record<string, string> = {
  invalid_client: "Ce service n'est pas enregistré auprès de ce FranceConnect de développement.",
  invalid_redirect_uri: "L'adresse de retour demandée par le service n'est pas enregistrée pour lui.",
  invalid_request: 'La demande du service est incorrecte.',
  session_not_found: 'Cette demande a expiré : revenez sur le service et recommencez.',
};

/** oidc-provider's error pages (unknown client, redirect URI not registered…), in French with the code. */
export function ProviderErrorPage({ error, description }: { error: string; description?: string }) {
  return (
    <ErrorPage title="Erreur FranceConnect" message={PROVIDER_ERRORS[error] ?? 'La demande du service est incorrecte.'} code={error} detail={description} />
  );
}

export function ErrorPage(props: { title: string; message: string; code?: string; detail?: string }) {
  return (
    <Frame title={props.title}>
      <h1>{props.title}</h1>
      <p role="alert">{props.message}</p>
      {props.code && <p class="hint">Code : {props.code}</p>}
      {props.detail && (
        <p class="hint" lang="en">
          {props.detail}
        </p>
      )}
    </Frame>
  );
}

export function LoggedOutPage() {
  return (
    <Frame title="Vous êtes déconnecté">
      <h1>Vous êtes déconnecté de FranceConnect</h1>
      <p>Votre session FranceConnect de développement est fermée. Vous pouvez fermer cette page.</p>
    </Frame>
  );
}

export function HomePage({ discovery }: { discovery: string }) {
  return (
    <Frame title="Accueil">
      <h1>FranceConnect de développement</h1>
      <p>
        Ce serveur imite FranceConnect v2 pour essayer Guichet sans compte sur la plateforme d'intégration. Son document de
        découverte est <a href={discovery}>{discovery}</a>.
      </p>
      <p>On s'y connecte depuis un service, par le bouton « S'identifier avec FranceConnect ».</p>
    </Frame>
  );
}

export const STYLE = `
:root { --accent: #000091; --ink: #1e1e1e; --muted: #555; --line: #cecece; --error: #ce0500; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, sans-serif; color: var(--ink); background: #f6f6f6; line-height: 1.5; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; color: var(--accent); padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; }
header { background: #fff; border-bottom: 3px solid var(--accent); padding: 1rem 1.5rem; }
.brand { margin: 0; font-size: 1.5rem; font-weight: 700; color: var(--accent); }
.tagline { margin: 0; color: var(--muted); }
main { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
main:focus { outline: none; }
a { color: var(--accent); }
fieldset { border: 1px solid var(--line); background: #fff; padding: 1rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 .25rem; }
.choice { display: flex; gap: .75rem; align-items: flex-start; padding: .5rem 0; border-bottom: 1px solid var(--line); }
.choice:last-child { border-bottom: 0; }
.choice input { margin-top: .35rem; width: 1.1rem; height: 1.1rem; }
.choice label { display: flex; flex-direction: column; cursor: pointer; }
.name { font-weight: 600; }
.hint { color: var(--muted); font-size: .925rem; }
.error { color: var(--error); font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; }
button { background: var(--accent); color: #fff; border: 2px solid var(--accent); border-radius: .25rem; padding: .7rem 1.25rem; font-size: 1rem; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button:focus, input:focus, a:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
`;
