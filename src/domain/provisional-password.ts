// SPEC §3.1: provisional passwords parents copy from paper: 8 characters, upper-case letters and digits,
// without the look-alikes 0/O and 1/I.

export const PROVISIONAL_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PROVISIONAL_PASSWORD_LENGTH = 8;

/** Draws an integer in [0, max) — crypto.randomInt in production, a seeded source in tests. */
export type RandomInt = (max: number) => number;

/** SPEC §3.1: a new provisional password (e.g. BUNZ57DM), drawn uniformly from the alphabet. */
export function generateProvisionalPassword(randomInt: RandomInt): string {
  let password = '';
  for (let i = 0; i < PROVISIONAL_PASSWORD_LENGTH; i++) {
    password += PROVISIONAL_PASSWORD_ALPHABET[randomInt(PROVISIONAL_PASSWORD_ALPHABET.length)];
  }
  return password;
}

/** What someone typed, forgiving what paper invites: spaces, lower case, O for 0 is not an issue (no 0). */
export function normalizeTypedProvisionalPassword(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase();
}

/** SPEC §3.1 rev.: a provisional password expires a realm-set number of months after its distribution. */
export function provisionalExpiresAt(distributedAt: Date, validityMonths: number): Date {
  const expiry = new Date(distributedAt);
  const day = expiry.getUTCDate();
  expiry.setUTCDate(1);
  expiry.setUTCMonth(expiry.getUTCMonth() + validityMonths);
  // 30 November + 3 months is the end of February, not 2 March.
  const lastDay = new Date(Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth() + 1, 0)).getUTCDate();
  expiry.setUTCDate(Math.min(day, lastDay));
  return expiry;
}

export function isProvisionalExpired(distributedAt: Date | null, now: Date, validityMonths: number): boolean {
  if (distributedAt === null) return false;
  return now.getTime() >= provisionalExpiresAt(distributedAt, validityMonths).getTime();
}
