// SPEC §4: the console's frame — header with the chosen establishment's UAI and name, tabs Accueil,
// Responsables, Statistiques, and logout from every page (guide §2.2).
import type { ComponentChildren } from 'preact';
import type { Realm } from '../../realms/realm.ts';
import type { StaffSession } from '../auth/session.ts';

export type AdminTab = 'accueil' | 'responsables' | 'statistiques';

const TABS: Array<{ id: AdminTab; label: string; href: string }> = [
  { id: 'accueil', label: 'Accueil', href: '/admin' },
  { id: 'responsables', label: 'Responsables', href: '/admin/responsables' },
  { id: 'statistiques', label: 'Statistiques', href: '/admin/statistiques' },
];

export interface AdminLayoutProps {
  realm: Realm;
  title: string;
  session?: StaffSession | null;
  tab?: AdminTab;
  children: ComponentChildren;
}

export function AdminLayout({ realm, title, session, tab, children }: AdminLayoutProps) {
  const current = session?.current;
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${realm.displayName} - Administration des comptes`}</title>
        <link rel="stylesheet" href="/assets/guichet.css" />
        <link rel="stylesheet" href="/assets/admin.css" />
        <link rel="stylesheet" href="/assets/responsables.css" />
      </head>
      <body class="admin">
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="admin-header">
          <div class="admin-header-top">
            <p class="brand">{realm.displayName} - Administration des comptes</p>
            {session && (
              <form method="post" action="/admin/deconnexion" class="logout">
                <input type="hidden" name="_csrf" value={session.csrfToken} />
                <span class="who">{session.displayName}</span>
                <button type="submit" class="secondary">
                  Se déconnecter
                </button>
              </form>
            )}
          </div>
          {current && (
            <p class="establishment">
              <span class="uai">{current.uai}</span> {current.name}
              {current.city ? ` ${current.city}` : ''}
            </p>
          )}
          {session && (
            <nav aria-label="Onglets de la console">
              <ul class="tabs">
                {TABS.map((t) => (
                  <li>
                    <a href={t.href} aria-current={t.id === tab ? 'page' : undefined}>
                      {t.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="contenu" tabIndex={-1} class="admin-main">
          {children}
        </main>
      </body>
    </html>
  );
}

/** A message above the page's content: success, warning or error, read out by screen readers. */
export function Flash({ kind, children }: { kind: 'success' | 'warning' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The hidden CSRF field every console form carries. */
export function CsrfField({ session }: { session: StaffSession }) {
  return <input type="hidden" name="_csrf" value={session.csrfToken} />;
}
