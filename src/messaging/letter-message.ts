// The bridge from a letter to the outbox: what notify (C02, C04, C06) and activation (C07) enqueue.
import { renderEmail } from './email/render.ts';
import { letterContent, type LetterContext } from './letters/letter-content.ts';
import type { OutgoingMessage } from './outbox.ts';

const EMAIL_LETTERS = new Set(['C02', 'C04', 'C06', 'C07']);

/** SPEC §4 (Re)notify by e-mail and Renvoyer un courriel d'activation: the outgoing e-mail of one letter. */
export function letterEmailMessage(ctx: LetterContext, recipient: string, accountId?: string): OutgoingMessage {
  if (!EMAIL_LETTERS.has(ctx.code)) throw new Error(`Le courrier ${ctx.code} est une feuille à imprimer, pas un courriel.`);
  const email = renderEmail(letterContent(ctx));
  return { channel: 'email', recipient, subject: email.subject, text: email.text, html: email.html, template: ctx.code, accountId };
}
