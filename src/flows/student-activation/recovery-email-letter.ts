// SPEC §5 rev. student e-mail verification: the short message that checks a recovery address given at
// activation ("Nous venons juste de vous envoyer les instructions pour finaliser l'activation de votre compte").
// Not a letter of annex A1: the account is already activated; only the address waits for its link.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { OutgoingMessage } from '../../messaging/outbox.ts';
import type { Realm } from '../../realms/realm.ts';

export const RECOVERY_EMAIL_TEMPLATE = 'verification-adresse';

/** The outbox message carrying the verification link of a recovery address. */
export function recoveryEmailMessage(
  settings: { realm: Realm; issuer: string },
  account: { id: string; identifier: string },
  email: string,
  verificationUrl: string,
): OutgoingMessage {
  const helpUrl = `${settings.issuer.replace(/\/+$/, '')}/aide`;
  const subject = `${settings.realm.displayName} - confirmation de votre adresse de messagerie`;
  const paragraphs: Array<{ text: string; link?: string }> = [
    { text: 'Bonjour,' },
    { text: `Vous avez indiqué cette adresse de messagerie en activant votre compte ${settings.realm.displayName} d'identifiant ${account.identifier}.` },
    {
      text: "Pour finaliser l'activation de votre compte, confirmez cette adresse en cliquant sur le lien ci-dessous. Elle vous permettra de récupérer votre identifiant ou votre mot de passe en cas de perte ou d'oubli :",
    },
    { text: '', link: verificationUrl },
    { text: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : cette adresse ne sera pas utilisée." },
    { text: 'En cas de problème, vous trouverez toutes les informations nécessaires à cette adresse : ', link: helpUrl },
    { text: 'Cordialement,' },
    { text: "L'administrateur des services en ligne" },
  ];
  const text = `${paragraphs.map((p) => `${p.text}${p.link ?? ''}`).join('\n\n')}\n`;
  const html = renderToString(
    h(
      'html',
      { lang: 'fr' },
      h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, subject)),
      h('body', null, ...paragraphs.map((p) => h('p', null, p.text, p.link ? h('a', { href: p.link }, p.link) : null))),
    ),
  );
  return { channel: 'email', recipient: email, subject, text, html: `<!doctype html>${html}`, template: RECOVERY_EMAIL_TEMPLATE, accountId: account.id };
}
