// SPEC §4 (Re)notify — guide §5.3: state and distribution date, the letter to send, the password it carries.
import { nextStatus, type AccountState } from '../domain/account-state.ts';
import { letterFor, resetApplies, type LetterCode, type NotificationChannel } from '../domain/letters.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { AccountsDeps } from './deps.ts';
import { issueProvisionalPassword, readProvisionalPassword } from './provisional.ts';
import { applyAccountChanges, changeOf, lockAccounts, type AccountChange } from './queries.ts';

export interface NotifyRequest {
  accountIds: readonly string[];
  channel: NotificationChannel;
  /** "Avec réinitialisation du mot de passe". */
  reset: boolean;
  /** The establishment the admin works in, for the audit trail. */
  establishmentId?: number;
}

export interface NotifiedAccount {
  accountId: string;
  identifier: string;
  email: string | null;
  previousState: AccountState;
  state: AccountState;
  letter: LetterCode;
  /** In clear for the letter (C01, C02, C05, C06); null when the letter says the password is unchanged. */
  provisionalPassword: string | null;
}

export interface NotifyOutcome {
  notified: NotifiedAccount[];
  /** By e-mail, accounts without an address are not notified and are listed to the admin. */
  withoutEmail: Array<{ accountId: string; identifier: string }>;
  /** Reset asked for Non notifié accounts: "les mots de passe … n'ont pas été mis à jour". */
  resetNotApplied: string[];
  /** Ids that match no account (deleted meanwhile, e.g. merged). */
  unknown: string[];
}

/** SPEC §4 (Re)notify: one transaction for the whole selection, one audit event per account. */
export async function notifyAccounts(deps: AccountsDeps, request: NotifyRequest, actor: Actor): Promise<NotifyOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const rows = await lockAccounts(tx, request.accountIds);
    const found = new Set(rows.map((r) => r.id));
    const outcome: NotifyOutcome = {
      notified: [],
      withoutEmail: [],
      resetNotApplied: [],
      unknown: request.accountIds.filter((id) => !found.has(id)),
    };
    const changes: AccountChange[] = [];
    for (const row of rows) {
      if (request.channel === 'email' && !row.email) {
        outcome.withoutEmail.push({ accountId: row.id, identifier: row.identifier });
        continue;
      }
      const reset = request.reset && resetApplies(row.state);
      if (request.reset && !reset) outcome.resetNotApplied.push(row.id);
      const letter = letterFor({
        state: row.state,
        channel: request.channel,
        reset,
        holdsProvisionalPassword: row.provisionalPassword !== null,
      });
      const change = { ...changeOf(row), ...nextStatus(row, 'notify'), distributedAt: now };
      let provisionalPassword: string | null = null;
      const firstCredentials = (row.state === 'non_notifie' || row.state === 'notifie') && row.provisionalPassword === null;
      if (reset || firstCredentials) {
        const issued = issueProvisionalPassword(deps, row.id);
        provisionalPassword = issued.clear;
        change.provisionalPassword = issued.sealed;
        change.passwordHash = null; // SPEC §3.1: after a reset the old password stops working at once
      } else if (letter !== 'C03' && letter !== 'C04') {
        provisionalPassword = readProvisionalPassword(deps, row);
      }
      // rev.: a re-notification starts the validity period of the provisional password again.
      change.provisionalValidFrom = change.provisionalPassword === null ? null : now;
      changes.push(change);
      outcome.notified.push({
        accountId: row.id,
        identifier: row.identifier,
        email: row.email,
        previousState: row.state,
        state: change.state,
        letter,
        provisionalPassword,
      });
    }
    await applyAccountChanges(tx, changes, now);
    await recordAudit(
      tx,
      actor,
      outcome.notified.map((n) => ({
        action: 'account.notified',
        accountId: n.accountId,
        establishmentId: request.establishmentId,
        details: { channel: request.channel, letter: n.letter, reset: request.reset, from: n.previousState, to: n.state },
      })),
      now,
    );
    return outcome;
  });
}
