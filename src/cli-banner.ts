// What `npm start` prints: where Guichet answers and how to sign in to the demo.
import type { Settings } from './config/settings.ts';
import type { DemoCredential } from './demo/seed-demo.ts';

export function startupBanner(settings: Settings, database: string, credentials: DemoCredential[]): string {
  const lines = [
    '',
    `Guichet (${settings.realm}) est prêt : ${settings.issuer}`,
    `Base de données : ${database}`,
    `Santé : ${settings.issuer}/healthz`,
    `Console des chefs d'établissement : ${settings.issuer}/admin`,
  ];
  if (!settings.smtpUrl || !settings.smsGatewayUrl) {
    lines.push(`Boîte aux lettres de développement (courriels et SMS non envoyés) : ${settings.issuer}/_dev/mailbox`);
  }
  if (credentials.length > 0) {
    lines.push(
      '',
      'Comptes de démonstration (identifiant, mot de passe, état) :',
      ...credentials.map((c) => `  ${c.identifier.padEnd(26)} ${(c.password || '—').padEnd(18)} ${c.state.padEnd(25)} ${c.who}`),
    );
  }
  return `${lines.join('\n')}\n\n`;
}
