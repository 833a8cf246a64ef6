// Heads imported from the directory have no password (the AAF carries none): an operator gives them one, shown
// once, with `guichet staff password <login>`; it is stored only as an Argon2id hash, and audited.
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { staff } from '../../db/schema.ts';
import { hashPassword } from '../../accounts/password-hash.ts';
import { recordAudit, SYSTEM } from '../../audit/record.ts';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const STAFF_PASSWORD_LENGTH = 16;

export class UnknownStaffError extends Error {
  constructor(login: string) {
    super(`aucun personnel n'a l'identifiant « ${login} » (les chefs d'établissement importés ont pour identifiant prenom.nom).`);
    this.name = 'UnknownStaffError';
  }
}

/** A random password of 16 characters without look-alikes (about 93 bits). */
export function generateStaffPassword(): string {
  return Array.from({ length: STAFF_PASSWORD_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** Sets a new password for a staff member and returns it: the only moment it exists in clear. */
export async function resetStaffPassword(db: Database, login: string, now: Date): Promise<string> {
  const password = generateStaffPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [member] = await tx.update(staff).set({ passwordHash }).where(eq(staff.login, login.trim().toLowerCase())).returning({ id: staff.id });
    if (!member) throw new UnknownStaffError(login);
    await recordAudit(tx, SYSTEM, [{ action: 'staff.password_set', details: { staffId: member.id, by: 'cli' } }], now);
  });
  return password;
}
