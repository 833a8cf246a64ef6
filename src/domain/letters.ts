// SPEC §4 (annex A1.1 of seed 002): which letter goes out for a state, a channel and the reset option.
import type { AccountState } from './account-state.ts';

export type LetterCode = 'C01' | 'C02' | 'C03' | 'C04' | 'C05' | 'C06' | 'C07';
export type NotificationChannel = 'sheet' | 'email';

export interface LetterRequest {
  state: AccountState;
  channel: NotificationChannel;
  reset: boolean;
  /** rev.: the account holds a provisional password that its owner has not replaced yet. */
  holdsProvisionalPassword: boolean;
}

/** SPEC §4 letters table, with the rev. rule for a provisional password still pending. */
export function letterFor({ state, channel, reset, holdsProvisionalPassword }: LetterRequest): LetterCode {
  const sheet = channel === 'sheet';
  if (state === 'non_notifie' || state === 'notifie') return sheet ? 'C01' : 'C02';
  // An activated account given a new password must be told it: C03/C04 would say it is unchanged.
  if (reset || holdsProvisionalPassword) return sheet ? 'C05' : 'C06';
  return sheet ? 'C03' : 'C04';
}

/** SPEC §4: a reset never applies to a Non notifié account. */
export function resetApplies(state: AccountState): boolean {
  return state !== 'non_notifie';
}
