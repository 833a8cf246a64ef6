// A birth date as people type it: the ISO value of <input type="date">, or JJ/MM/AAAA typed by hand (browsers
// without a date picker show a text field). Never guesses: an impossible date is refused.
import { FLOW_MESSAGES } from './messages.ts';

export type BirthDateParse = { ok: true; iso: string } | { ok: false; message: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const FRENCH = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;

/** SPEC §5 first login and student activation: the typed date, as YYYY-MM-DD. */
export function parseBirthDate(typed: string): BirthDateParse {
  const text = typed.trim();
  if (text === '') return { ok: false, message: FLOW_MESSAGES.birthDateMissing };
  const iso = ISO.exec(text);
  const french = iso ? null : (FRENCH.exec(text) ?? COMPACT.exec(text));
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : [];
  if (!year || !month || !day) return { ok: false, message: FLOW_MESSAGES.birthDateInvalid };
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: FLOW_MESSAGES.birthDateInvalid };
  }
  return { ok: true, iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}
