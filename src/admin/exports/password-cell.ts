// SPEC §3.1 and §4 Lister les comptes (rev.): what a list shows in the password column.
import type { AccountState } from '../../domain/account-state.ts';

export const MASKED_PASSWORD = '*****';

/**
 * The provisional password in clear, `*****` once the person chose their own, nothing for `Non notifié`
 * (its provisional password, if any, has not been handed out yet).
 */
export function passwordCell(state: AccountState, provisionalInClear: string | null): string {
  if (state === 'non_notifie') return '';
  return provisionalInClear ?? MASKED_PASSWORD;
}
