// SPEC §5 help page: who to contact for what (by kind of establishment where the realm says so), and the
// guide's answers for families (seed 002 §3.2). The address printed on every letter leads here.
import type { Realm } from '../../realms/realm.ts';
import { Layout } from './layout.tsx';

const KIND_LABELS: Record<string, string> = {
  ecole: 'école',
  college: 'collège',
  lycee: 'lycée',
  mfr: 'MFR',
  medico_educatif: 'établissement médico-éducatif',
  cned: 'CNED',
  autre: 'autre établissement',
};

const FAMILY_ANSWERS: Array<[string, string]> = [
  ["J'ai perdu la lettre ou le lien vers le service", "Demandez à l'école de vous renvoyer vos identifiants : elle peut vous les remettre sur papier ou par courriel."],
  ["J'ai perdu mon identifiant", "Si votre compte est activé, utilisez « Identifiant perdu » sur la page de connexion ; sinon, demandez à l'école de vous renvoyer vos identifiants."],
  ["J'ai perdu mon mot de passe provisoire", "Demandez à l'école de vous le communiquer de nouveau : il reste valable 3 mois après la remise de la lettre."],
  ["J'ai perdu le mot de passe que j'avais choisi", "Si votre compte est activé, utilisez « Mot de passe perdu » sur la page de connexion ; sinon, l'école peut vous attribuer un nouveau mot de passe provisoire."],
  ["Je n'ai pas reçu le courriel d'activation", "Regardez dans les courriers indésirables, puis reconnectez-vous pour corriger votre adresse, ou demandez à l'école de renvoyer le courriel d'activation."],
  ["Mon numéro de mobile n'est pas reconnu", "L'école doit corriger votre numéro dans ses fichiers ; la correction est visible le lendemain. Réessayez ensuite."],
  ["La date de naissance de mon enfant est refusée", "L'école doit corriger la date de naissance dans ses fichiers ; la correction est visible le lendemain. Réessayez ensuite."],
];

export function HelpPage({ realm }: { realm: Realm }) {
  return (
    <Layout realm={realm} title="Besoin d'aide ?">
      <h1>Besoin d'aide ?</h1>
      <h2>Qui contacter</h2>
      <ul>
        {realm.support.contacts.map((c) => (
          <li>
            {c.kinds !== 'all' && (
              <strong>
                {c.kinds.map((k) => KIND_LABELS[k] ?? k).join(', ')}
                {c.sector ? (c.sector === 'public' ? ' public' : ' privé') : ''} :{' '}
              </strong>
            )}
            {c.kinds === 'all' && realm.support.contacts.length > 1 && <strong>Autres établissements : </strong>}
            {c.text}
            {c.email && (
              <>
                {' '}
                Courriel : <a href={`mailto:${c.email}`}>{c.email}</a>.
              </>
            )}
            {c.phone && <> Téléphone : {c.phone}.</>}
          </li>
        ))}
      </ul>
      <h2>Questions fréquentes</h2>
      <dl class="faq">
        {FAMILY_ANSWERS.map(([question, answer]) => (
          <>
            <dt>{question}</dt>
            <dd>{answer}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href="/">Retour à la page de connexion</a>
      </p>
    </Layout>
  );
}
