// The page of GET /activation/<token> for a recovery-address link (SPEC §5 rev.): what happened, and the way on.
import { Layout } from '../../http/views/layout.tsx';
import type { Realm } from '../../realms/realm.ts';
import type { RecoveryEmailOutcome } from './confirm-recovery-email.ts';

const TEXTS: Record<RecoveryEmailOutcome['outcome'], { title: string; body: string }> = {
  verified: {
    title: 'Votre adresse de messagerie est confirmée',
    body: "L'activation de votre compte est finalisée : cette adresse vous permettra de récupérer votre identifiant ou votre mot de passe en cas d'oubli.",
  },
  already_verified: {
    title: 'Votre adresse de messagerie est déjà confirmée',
    body: 'Ce lien a déjà servi : il n\'y a rien de plus à faire.',
  },
  expired: {
    title: "Ce lien de confirmation n'est plus valable",
    body: "Ce lien a expiré ou a été remplacé par un plus récent. Vous pouvez indiquer de nouveau votre adresse de messagerie depuis votre compte.",
  },
  unknown: {
    title: "Ce lien de confirmation n'est pas reconnu",
    body: "Vérifiez que l'adresse copiée depuis le courriel est complète.",
  },
};

export function RecoveryEmailResultPage({ realm, result }: { realm: Realm; result: RecoveryEmailOutcome }) {
  const text = TEXTS[result.outcome];
  const identifier = 'identifier' in result ? result.identifier : undefined;
  return (
    <Layout realm={realm} title={text.title}>
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      {'email' in result && (
        <p>
          Adresse : <strong>{result.email}</strong>
        </p>
      )}
      <p>
        <a href={identifier ? `/?identifiant=${encodeURIComponent(identifier)}` : '/'}>Accéder à mes services en ligne</a>
      </p>
    </Layout>
  );
}
