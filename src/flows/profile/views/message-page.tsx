// A page that says one thing about the profile (a refused form, a link that no longer works) and leads back to it.
import type { Realm } from '../../../realms/realm.ts';
import { Layout } from '../../../http/views/layout.tsx';

export function ProfileMessagePage({ realm, title, message }: { realm: Realm; title: string; message: string }) {
  return (
    <Layout realm={realm} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/profil">Retour à « Gérer mon compte »</a>
      </p>
    </Layout>
  );
}
