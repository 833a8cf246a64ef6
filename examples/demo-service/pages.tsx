/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The demo ENT's pages: French, accessible (landmarks, headings, labelled tables), no script at all.
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export const SERVICE_NAME = "l'ENT de démonstration";

export function html(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

function Frame({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ENT de démonstration`}</title>
        <link rel="stylesheet" href="/style.css" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header>
          <p class="brand">ENT de démonstration</p>
          <p class="tagline">Un service fictif qui se connecte par Guichet (OpenID Connect)</p>
        </header>
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <footer>
          <p>Démonstration : aucune donnée n'est conservée par ce service.</p>
        </footer>
      </body>
    </html>
  );
}

export function HomePage() {
  return (
    <Frame title="Accueil">
      <h1>Bienvenue sur l'ENT de démonstration</h1>
      <p>Pour accéder à votre espace, connectez-vous avec votre compte Guichet (EduConnect).</p>
      <p>
        <a class="button" href="/login">
          Se connecter
        </a>
      </p>
    </Frame>
  );
}

/** Labels of the claims this page knows; any other claim is shown under its own name. */
const LABELS: Record<string, string> = {
  preferred_username: 'Identifiant',
  given_name: 'Prénom',
  family_name: 'Nom',
  email: 'Adresse électronique',
  email_verified: 'Adresse vérifiée',
  birthdate: 'Date de naissance',
  FrEduCtId: 'Identifiant EduConnect (FrEduCtId)',
  FrEduCtPersonAffiliation: 'Profil (FrEduCtPersonAffiliation)',
  FrEduCtEleveUAI: 'Établissement (FrEduCtEleveUAI)',
  FrEduCtEleveNiveau: 'Niveau (FrEduCtEleveNiveau)',
  FrEduCtDateNaissance: 'Date de naissance (FrEduCtDateNaissance)',
  uai: 'Établissements (UAI)',
  sub: 'Sujet (sub)',
};

function show(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (Array.isArray(value)) return value.map(show).join(', ');
  return value === null || value === undefined ? 'Non renseigné' : String(value);
}

interface Child {
  given_name?: string;
  family_name?: string;
  uai?: string;
  class?: string | null;
  level?: string | null;
}

export function SignedInPage({ claims }: { claims: Record<string, unknown> }) {
  const children = Array.isArray(claims.children) ? (claims.children as Child[]) : [];
  const entries = Object.entries(claims).filter(([name]) => name !== 'children');
  const who = [claims.given_name, claims.family_name].filter(Boolean).join(' ');
  return (
    <Frame title="Mon espace">
      <h1>Vous êtes connecté à {SERVICE_NAME}</h1>
      {who && <p class="welcome">Bonjour {who} !</p>}
      <h2>Ce que Guichet nous a transmis</h2>
      <dl class="claims">
        {entries.map(([name, value]) => (
          <div key={name}>
            <dt>{LABELS[name] ?? name}</dt>
            <dd>{show(value)}</dd>
          </div>
        ))}
      </dl>
      {children.length > 0 && (
        <>
          <h2>Vos enfants</h2>
          <table>
            <caption>Enfants rattachés à votre compte</caption>
            <thead>
              <tr>
                <th scope="col">Prénom</th>
                <th scope="col">Nom</th>
                <th scope="col">Établissement (UAI)</th>
                <th scope="col">Classe</th>
                <th scope="col">Niveau</th>
              </tr>
            </thead>
            <tbody>
              {children.map((c, i) => (
                <tr key={i}>
                  <td>{show(c.given_name)}</td>
                  <td>{show(c.family_name)}</td>
                  <td>{show(c.uai)}</td>
                  <td>{show(c.class)}</td>
                  <td>{show(c.level)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <form method="post" action="/logout">
        <button type="submit">Se déconnecter</button>
      </form>
    </Frame>
  );
}

export function ErrorPage({ message }: { message: string }) {
  return (
    <Frame title="Connexion impossible">
      <h1>Connexion impossible</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </Frame>
  );
}

export const STYLE = `
:root { --accent: #1f3d99; --ink: #1e1e1e; --muted: #555; --line: #d0d0d0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, sans-serif; color: var(--ink); background: #f6f6f6; line-height: 1.5; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; color: var(--accent); padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 1rem 1.5rem; }
.brand { margin: 0; font-size: 1.5rem; font-weight: 700; color: var(--accent); }
.tagline { margin: 0; color: var(--muted); }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
main:focus { outline: none; }
a { color: var(--accent); }
.button, button { display: inline-block; background: var(--accent); color: #fff; border: 0; border-radius: .25rem; padding: .7rem 1.25rem; font-size: 1rem; text-decoration: none; cursor: pointer; }
.button:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
.claims div { display: grid; grid-template-columns: 18rem 1fr; gap: 1rem; border-bottom: 1px solid var(--line); padding: .35rem 0; }
.claims dt { font-weight: 600; }
.claims dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 1.5rem; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; }
footer { text-align: center; color: var(--muted); font-size: .875rem; padding: 2rem 1rem; }
`;
