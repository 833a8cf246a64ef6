// SPEC §5 portal: "Accéder à mes services en ligne" — the person's services, and for a guardian the children.
import type { Realm } from '../../realms/realm.ts';
import { Layout } from '../../http/views/layout.tsx';
import type { PortalView } from '../portal-query.ts';

export function PortalPage({ realm, portal, csrf }: { realm: Realm; portal: PortalView; csrf: string }) {
  return (
    <Layout realm={realm} title="Mes services en ligne">
      <div class="portal-head">
        <h1>Accéder à mes services en ligne</h1>
        <form method="post" action="/deconnexion">
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="secondary">
            Se déconnecter
          </button>
        </form>
      </div>
      <p>
        Bonjour {portal.firstName} {portal.lastName} (identifiant <span class="identifier">{portal.identifier}</span>).
      </p>
      <section aria-labelledby="services-title">
        <h2 id="services-title">Mes services</h2>
        {portal.services.length === 0 ? (
          <p>Aucun service n'est encore ouvert pour votre compte.</p>
        ) : (
          <ul class="services">
            {portal.services.map((s) => (
              <li>
                <a href={s.url}>{s.name}</a>
                {s.description && <p>{s.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {portal.kind === 'guardian' && portal.children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">Mes enfants</h2>
          <ul>
            {portal.children.map((c) => (
              <li>
                {c.firstName} {c.lastName} – {c.establishment}
                {c.classLabel ? `, ${c.classLabel}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href="/profil">Gérer mon compte</a>
      </p>
    </Layout>
  );
}
