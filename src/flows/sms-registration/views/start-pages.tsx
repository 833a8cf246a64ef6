// SPEC §5 rev. "Je n'ai pas de compte": a guardian is led to SMS registration (and FranceConnect where enabled),
// a student is told to ask their establishment.
import type { Realm } from '../../../realms/realm.ts';
import { SelfServicePage } from './form-parts.tsx';

export function NoAccountPage({ realm, smsRegistration, franceConnect = false }: { realm: Realm; smsRegistration: boolean; franceConnect?: boolean }) {
  const guardians = Boolean(realm.populations.guardian);
  const students = Boolean(realm.populations.student);
  return (
    <SelfServicePage realm={realm} title="Je n'ai pas de compte">
      <h1>Je n'ai pas de compte</h1>
      {guardians && (
        <section aria-labelledby="parent">
          <h2 id="parent">Vous êtes parent ou responsable légal d'un élève</h2>
          {smsRegistration ? (
            <>
              <p>Créez votre compte vous-même avec votre numéro de téléphone portable : vous recevrez un code par SMS pour confirmer votre identité.</p>
              <p>
                <a href="/inscription/responsable">Créer mon compte avec mon téléphone portable</a>
              </p>
            </>
          ) : (
            <p>Vos identifiants vous sont remis par l'établissement de votre enfant, sur papier ou par courriel.</p>
          )}
          {franceConnect && (
            <p>
              Vous avez un compte FranceConnect (impots.gouv.fr, ameli.fr, L'Identité Numérique La Poste…) ?{' '}
              <a href="/franceconnect/connexion">S'identifier avec FranceConnect</a>, puis confirmez votre numéro de portable et la date de
              naissance de vos enfants.
            </p>
          )}
        </section>
      )}
      {students && (
        <section aria-labelledby="eleve">
          <h2 id="eleve">Vous êtes élève</h2>
          <p>Demandez vos codes à votre établissement.</p>
        </section>
      )}
      <p>
        <a href="/aide">Besoin d'aide ?</a> · <a href="/">Retour à la page de connexion</a>
      </p>
    </SelfServicePage>
  );
}
