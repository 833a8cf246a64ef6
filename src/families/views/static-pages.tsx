// The pages every login page links to (SPEC §5): legal notice and accessibility statement.
import type { Realm } from '../../realms/realm.ts';
import { Layout } from '../../http/views/layout.tsx';

export function LegalNoticePage({ realm }: { realm: Realm }) {
  return (
    <Layout realm={realm} title="Mentions légales">
      <h1>Mentions légales</h1>
      <p>
        {realm.displayName} est un service d'authentification unique : il permet aux responsables et aux élèves d'accéder, avec un
        seul compte, aux services numériques de leur scolarité.
      </p>
      <h2>Données personnelles</h2>
      <p>
        Les données traitées (identité, établissement et classe des élèves, responsables légaux, adresse électronique et numéro de
        mobile) proviennent des bases de gestion des établissements et servent uniquement à créer et sécuriser les comptes. Les
        données d'une personne qui ne peut plus prétendre à un compte sont supprimées dans un délai de {realm.retentionMonths} mois.
      </p>
      <p>Les mots de passe ne sont jamais conservés en clair.</p>
      <p>
        <a href="/aide">Besoin d'aide ?</a>
      </p>
    </Layout>
  );
}

export function AccessibilityPage({ realm }: { realm: Realm }) {
  return (
    <Layout realm={realm} title="Accessibilité">
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Les pages de {realm.displayName} visent la conformité au RGAA (WCAG 2.1 niveau AA) : elles fonctionnent sans JavaScript, au
        clavier seul, avec un lecteur d'écran, et sont vérifiées automatiquement à chaque modification.
      </p>
      <p>
        Si vous rencontrez une difficulté, signalez-la à votre établissement ou par la page <a href="/aide">Besoin d'aide ?</a>.
      </p>
    </Layout>
  );
}
