import type { Realm } from '../../realms/realm.ts';
import { Layout } from '../../http/views/layout.tsx';
import type { ActivationOutcome } from './confirm.ts';

const TEXTS: Record<ActivationOutcome['outcome'], { title: string; body: string }> = {
  activated: {
    title: 'Votre compte est activé',
    body: 'Votre adresse de messagerie est confirmée. Vous pouvez maintenant accéder à vos services en ligne.',
  },
  already_active: {
    title: 'Votre compte est déjà activé',
    body: 'Ce lien a déjà servi : votre compte est actif. Connectez-vous avec votre identifiant et votre mot de passe.',
  },
  expired: {
    title: "Ce lien d'activation n'est plus valable",
    body:
      "Ce lien a expiré ou a été remplacé par un plus récent. Connectez-vous de nouveau avec votre identifiant et votre mot de passe pour recevoir un nouveau courriel d'activation, ou demandez à l'école de vous le renvoyer.",
  },
  unknown: {
    title: "Ce lien d'activation n'est pas reconnu",
    body:
      "Vérifiez que l'adresse copiée depuis le courriel est complète. Sinon, connectez-vous de nouveau pour recevoir un nouveau courriel d'activation, ou demandez à l'école de vous le renvoyer.",
  },
};

export function ActivationResultPage({ realm, result }: { realm: Realm; result: ActivationOutcome }) {
  const text = TEXTS[result.outcome];
  const identifier = 'identifier' in result ? result.identifier : undefined;
  return (
    <Layout realm={realm} title={text.title}>
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      {identifier && (
        <p>
          Votre identifiant : <strong class="identifier">{identifier}</strong>
        </p>
      )}
      <p>
        <a href={identifier ? `/?identifiant=${encodeURIComponent(identifier)}` : '/'}>Accéder à mes services en ligne</a>
      </p>
    </Layout>
  );
}
