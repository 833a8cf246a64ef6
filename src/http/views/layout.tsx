// The frame of every public page: language, title, skip link, realm header, footer links.
import type { ComponentChildren } from 'preact';
import type { Realm } from '../../realms/realm.ts';

export interface LayoutProps {
  realm: Realm;
  title: string;
  children: ComponentChildren;
}

export function Layout({ realm, title, children }: LayoutProps) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${realm.displayName}`}</title>
        <link rel="stylesheet" href="/assets/guichet.css" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <p class="brand">{realm.displayName}</p>
          <p class="tagline">{realm.tagline}</p>
        </header>
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>Guichet – service d'authentification unique des écoles et établissements</p>
          <ul>
            <li>
              <a href="/mentions-legales">Mentions légales</a>
            </li>
            <li>
              <a href="/accessibilite">Accessibilité</a>
            </li>
          </ul>
        </footer>
      </body>
    </html>
  );
}
