// An e-mail address typed by a person: trimmed, domain in lower case, and refused with one French sentence
// when it cannot be an address (no attempt at the full RFC 5322 grammar: mail servers decide the rest).
import { FLOW_MESSAGES } from './messages.ts';

export type EmailParse = { ok: true; address: string } | { ok: false; message: string };

const LOCAL = /^[^\s@"<>()[\]\\,;:]+$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** SPEC §5: "Adresse électronique invalide." for a malformed address, the address otherwise. */
export function parseEmailAddress(typed: string): EmailParse {
  const text = typed.trim();
  if (text === '') return { ok: false, message: FLOW_MESSAGES.emailMissing };
  const at = text.lastIndexOf('@');
  if (at <= 0 || text.length > 254) return { ok: false, message: FLOW_MESSAGES.emailInvalid };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..') || !DOMAIN.test(domain)) {
    return { ok: false, message: FLOW_MESSAGES.emailInvalid };
  }
  return { ok: true, address: `${local}@${domain}` };
}
