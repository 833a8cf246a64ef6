// SPEC §3.1: a provisional password is drawn, kept sealed (admins may read it) and shown until replaced.
import { generateProvisionalPassword } from '../domain/provisional-password.ts';
import type { AccountsDeps } from './deps.ts';
import type { AccountRow } from './queries.ts';

export function issueProvisionalPassword(deps: AccountsDeps, accountId: string): { clear: string; sealed: string } {
  const clear = generateProvisionalPassword(deps.randomInt);
  return { clear, sealed: deps.secretBox.seal(clear, accountId) };
}

/** The provisional password in clear, or null when the account has none (chosen password, or never notified). */
export function readProvisionalPassword(deps: AccountsDeps, row: Pick<AccountRow, 'id' | 'provisionalPassword'>): string | null {
  return row.provisionalPassword === null ? null : deps.secretBox.open(row.provisionalPassword, row.id);
}
