// SPEC §5 Profile "change e-mail (re-verified)": the two short messages of an address change — the link sent to
// the NEW address, and the notice sent to the OLD one once the change is done. Pure: text and escaped HTML.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { OutgoingMessage } from '../../messaging/outbox.ts';
import type { Realm } from '../../realms/realm.ts';
import { frenchDate, parisTime } from '../../shared/paris-time.ts';

export const EMAIL_CHANGE_TEMPLATE = 'email-change';
export const EMAIL_CHANGED_NOTICE_TEMPLATE = 'email-changed-notice';
export const EMAIL_CHANGE_SUBJECT = 'Confirmez votre nouvelle adresse électronique';
export const EMAIL_CHANGED_SUBJECT = 'Votre adresse électronique a été modifiée';

type Part = { text: string; link?: string };

function message(recipient: string, subject: string, template: string, accountId: string, parts: Part[]): OutgoingMessage {
  const text = `${parts.map((p) => (p.link ? `${p.text}\n${p.link}` : p.text)).join('\n\n')}\n`;
  const body = parts.map((p) =>
    h('p', null, p.text, p.link ? [h('br', null), /^https?:\/\//i.test(p.link) ? h('a', { href: p.link }, p.link) : p.link] : null),
  );
  const html = `<!doctype html>${renderToString(h('html', { lang: 'fr' }, h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, subject)), h('body', null, ...body)))}`;
  return { channel: 'email', recipient, subject, text, html, template, accountId };
}

/** The link that confirms a new address: it goes to that address, and only clicking it changes the account. */
export function emailChangeMessage(input: { realm: Realm; recipient: string; link: string; helpUrl: string; accountId: string; validHours: number }): OutgoingMessage {
  return message(input.recipient, EMAIL_CHANGE_SUBJECT, EMAIL_CHANGE_TEMPLATE, input.accountId, [
    { text: 'Bonjour,' },
    { text: `Vous avez demandé que cette adresse électronique devienne celle de votre compte ${input.realm.displayName}.` },
    {
      text: `Pour la confirmer, ouvrez le lien ci-dessous dans les ${input.validHours} heures, puis connectez-vous si la page vous le demande :`,
      link: input.link,
    },
    { text: "Ce lien ne sert qu'une fois. Tant qu'il n'a pas été ouvert, l'adresse actuelle de votre compte reste inchangée." },
    {
      text:
        "Si vous n'êtes pas à l'origine de cette demande, ne cliquez pas sur le lien et ignorez ce message : votre compte ne sera pas modifié. " +
        "Si vous pensez que quelqu'un d'autre utilise votre compte, changez votre mot de passe et contactez l'assistance :",
      link: input.helpUrl,
    },
    { text: 'Cordialement,' },
    { text: "L'administrateur des services en ligne" },
  ]);
}

/** After the change: the old address learns of it, so a change the owner did not make does not go unnoticed. */
export function emailChangedNotice(input: { realm: Realm; recipient: string; identifier: string; at: Date; helpUrl: string; accountId: string }): OutgoingMessage {
  const t = parisTime(input.at);
  return message(input.recipient, EMAIL_CHANGED_SUBJECT, EMAIL_CHANGED_NOTICE_TEMPLATE, input.accountId, [
    { text: 'Bonjour,' },
    {
      text:
        `L'adresse électronique de votre compte ${input.realm.displayName} (identifiant ${input.identifier}) a été remplacée ` +
        `le ${frenchDate(input.at)} à ${t.hour}:${t.minute}. Les messages du service seront désormais envoyés à la nouvelle adresse.`,
    },
    {
      text: "Si vous n'êtes pas à l'origine de ce changement, changez votre mot de passe et contactez l'assistance sans attendre :",
      link: input.helpUrl,
    },
    { text: 'Cordialement,' },
    { text: "L'administrateur des services en ligne" },
  ]);
}
