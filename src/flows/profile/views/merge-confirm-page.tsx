// SPEC §5 Profile, merge accounts: before anything moves, the person sees which children come to this account
// and which identifier stops working, and confirms.
import type { Realm } from '../../../realms/realm.ts';
import { Layout } from '../../../http/views/layout.tsx';
import type { MergePreview } from '../merge-accounts.ts';

export function MergeConfirmPage({ realm, preview, csrf }: { realm: Realm; preview: MergePreview; csrf: string }) {
  return (
    <Layout realm={realm} title="Regrouper mes comptes">
      <h1>Regrouper mes comptes</h1>
      <p>
        Vous êtes connecté avec le compte <strong class="identifier">{preview.identifier}</strong>. Vous allez y regrouper votre autre
        compte <strong class="identifier">{preview.otherIdentifier}</strong>.
      </p>
      {preview.children.length === 0 ? (
        <p>Aucun enfant n'est rattaché à l'autre compte.</p>
      ) : (
        <>
          <p>Ces enfants seront rattachés au compte {preview.identifier} :</p>
          <ul>
            {preview.children.map((c) => (
              <li>
                {c.firstName} {c.lastName} – {c.establishment}
                {c.classLabel ? `, classe ${c.classLabel}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        Le compte {preview.otherIdentifier} sera ensuite supprimé : son identifiant et son mot de passe ne fonctionneront plus. Vous
        vous connecterez avec l'identifiant {preview.identifier} pour tous vos enfants.
      </p>
      <form class="card" method="post" action={`/profil/regroupement/${preview.flowId}`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">Regrouper mes comptes</button>
      </form>
      <p>
        <a href="/profil">Annuler et revenir à « Gérer mon compte »</a>
      </p>
    </Layout>
  );
}
