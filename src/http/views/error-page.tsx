import type { Realm } from '../../realms/realm.ts';
import { Layout } from './layout.tsx';

export function ErrorPage({ realm, title, message }: { realm: Realm; title: string; message: string }) {
  return (
    <Layout realm={realm} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Retour à la page de connexion</a>
      </p>
    </Layout>
  );
}
