// SPEC §5 SMS registration and recovery: a mobile number as people and directories write it ("06 12 34 56 78",
// "+33 (0)6…", "0033 6…") turned into E.164 ("+33612345678"), the only form a gateway is given. Pure.

const SEPARATORS = /[\s\u00a0.\-/()]/g;
const FRANCE = '+33';

/** E.164 form of a typed or imported number, or null when it cannot be one. National numbers are French. */
export function normalizeMobile(raw: string): string | null {
  let digits = raw.trim().replace(SEPARATORS, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(digits)) return `${FRANCE}${digits.slice(1)}`;
  if (!/^\+[1-9]\d{6,14}$/.test(digits)) return null;
  if (digits.startsWith(FRANCE)) {
    // "+33 (0)6 12 34 56 78" keeps the trunk 0 that E.164 drops.
    const national = digits.slice(FRANCE.length).replace(/^0(?=\d{9}$)/, '');
    return /^[1-9]\d{8}$/.test(national) ? `${FRANCE}${national}` : null;
  }
  return digits;
}

/** A number that can receive an SMS: a French 06/07 mobile, or any foreign number (its plan is not ours to judge). */
export function isMobileNumber(e164: string): boolean {
  return e164.startsWith(FRANCE) ? /^\+33[67]\d{8}$/.test(e164) : /^\+[1-9]\d{6,14}$/.test(e164);
}

/**
 * The spellings a directory may hold for one number, to find it through the index on guardians.mobile
 * (the nightly import keeps what the school typed): national with or without separators, E.164, 00 prefix.
 */
export function mobileSpellings(e164: string): string[] {
  if (!e164.startsWith(FRANCE)) return [e164, `00${e164.slice(1)}`];
  const national = `0${e164.slice(FRANCE.length)}`;
  const pairs = national.match(/\d{2}/g) ?? [];
  const rest = e164.slice(FRANCE.length);
  return [
    ...new Set([
      national,
      pairs.join(' '),
      pairs.join('.'),
      pairs.join('-'),
      e164,
      `${FRANCE} ${rest[0]} ${rest.slice(1).match(/\d{2}/g)?.join(' ') ?? ''}`.trim(),
      `${FRANCE}${national}`,
      `0033${rest}`,
    ]),
  ];
}

/** What a page or an audit line may show of a number: "06 •• •• •• 78". */
export function maskMobile(e164: string): string {
  const national = e164.startsWith(FRANCE) ? `0${e164.slice(FRANCE.length)}` : e164;
  return `${national.slice(0, 2)} •• •• •• ${national.slice(-2)}`;
}
