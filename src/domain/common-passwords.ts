import { readFileSync } from 'node:fs';

// The list lives in a text file so it can grow without touching code; it holds the most common
// international passwords, French ones, and their usual digit variants (azerty123, soleil13…),
// because those variants satisfy the length/letters/digits rules and must still be refused.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line.length > 0),
);

/** Follows SPEC §3.2 (every policy refuses a common password): case-insensitive lookup. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.normalize('NFC').toLowerCase());
}
