// SPEC §3.1 "self-registration by SMS" (rev.: from Non notifié, Notifié et non activé, En cours d'activation →
// Activé, origin Responsable) and SPEC §3 merge (guide §1.2): one transaction activates one account, records the
// verified mobile, groups the confirmed references on it and deletes the never-activated accounts left empty.
import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { lockAccounts, type AccountRow } from '../../accounts/queries.ts';
import { recordAudit, type AuditEntry } from '../../audit/record.ts';
import { accounts, guardians } from '../../db/schema.ts';
import { nextStatus } from '../../domain/account-state.ts';
import { maskMobile } from '../../messaging/sms/phone-number.ts';
import { flows } from '../../db/schema.ts';
import type { Flow } from '../flow-store.ts';
import type { SelfServiceDeps } from './deps.ts';
import type { RegistrationData } from './registration-flow.ts';

export type CompleteOutcome = { kind: 'activated'; accountId: string; identifier: string } | { kind: 'already_active' };

// An account the person may already have heard of comes first: its identifier is on a letter or in an e-mail.
const KEEP_ORDER: Record<AccountRow['state'], number> = { en_cours: 0, notifie: 1, non_notifie: 2, active: 3 };

/** SPEC §5 last step of SMS registration: the account is Activé, the identifier is returned to be shown. */
export async function completeRegistration(
  deps: SelfServiceDeps,
  flow: Flow<RegistrationData>,
  request: { guardianIds: number[]; passwordHash: string; ip: string },
): Promise<CompleteOutcome> {
  const { db, clock } = deps.accounts;
  const now = clock();
  const mobile = flow.data.mobile!;
  return db.transaction(async (tx) => {
    const references = await tx
      .select({ id: guardians.id, accountId: guardians.accountId })
      .from(guardians)
      .where(inArray(guardians.id, request.guardianIds))
      .orderBy(guardians.id)
      .for('update');
    const locked = await lockAccounts(tx, [...new Set(references.flatMap((r) => (r.accountId ? [r.accountId] : [])))]);
    const open = locked.filter((a) => a.kind === 'guardian' && a.state !== 'active');
    const firstReference = (a: AccountRow) => references.find((r) => r.accountId === a.id)!.id;
    const kept = open.sort((a, b) => KEEP_ORDER[a.state] - KEEP_ORDER[b.state] || firstReference(a) - firstReference(b))[0];
    if (!kept) return { kind: 'already_active' as const };

    const status = nextStatus(kept, 'sms_registration');
    await tx
      .update(accounts)
      .set({ ...status, passwordHash: request.passwordHash, provisionalPassword: null, provisionalValidFrom: null, mobile, activatedAt: now, updatedAt: now })
      .where(eq(accounts.id, kept.id));
    const { grouped, deleted } = await groupReferences(tx, kept, references, locked, now);
    const entries: AuditEntry[] = [
      {
        action: 'account.sms_registration',
        accountId: kept.id,
        details: { from: kept.state, origin: status.origin, mobile: maskMobile(mobile), references: grouped.length, merged: deleted.map((d) => d.identifier) },
      },
      ...deleted.map((d) => ({ action: 'account.merged', accountId: d.id, details: { into: kept.id, intoIdentifier: kept.identifier, identifier: d.identifier, state: d.state } })),
    ];
    await recordAudit(tx, { kind: 'account', id: kept.id, ip: request.ip }, entries, now);
    await tx
      .update(flows)
      .set({ state: 'done', accountId: kept.id, data: { binding: flow.data.binding, identifier: kept.identifier }, updatedAt: now })
      .where(eq(flows.id, flow.id));
    return { kind: 'activated' as const, accountId: kept.id, identifier: kept.identifier };
  });
}

/**
 * SPEC §3 merge, guide §1.2 (SMS registration and FranceConnect's first connection): the confirmed references
 * point to the kept account, and the never-activated accounts left without a reference are deleted. References of
 * another account activated meanwhile stay where they are: grouping them is the profile's merge.
 */
export async function groupReferences(
  tx: Executor,
  kept: AccountRow,
  references: ReadonlyArray<{ id: number; accountId: string | null }>,
  locked: readonly AccountRow[],
  now: Date,
): Promise<{ grouped: number[]; deleted: Array<{ id: string; identifier: string; state: AccountRow['state'] }> }> {
  const activeIds = new Set(locked.filter((a) => a.state === 'active' && a.id !== kept.id).map((a) => a.id));
  const grouped = references.filter((r) => r.accountId === null || !activeIds.has(r.accountId)).map((r) => r.id);
  if (grouped.length > 0) await tx.update(guardians).set({ accountId: kept.id, updatedAt: now }).where(inArray(guardians.id, grouped));
  const others = locked.filter((a) => a.kind === 'guardian' && a.state !== 'active' && a.id !== kept.id).map((a) => a.id);
  const deleted =
    others.length === 0
      ? []
      : await tx
          .delete(accounts)
          .where(and(inArray(accounts.id, others), notExists(tx.select({ id: guardians.id }).from(guardians).where(eq(guardians.accountId, accounts.id)))))
          .returning({ id: accounts.id, identifier: accounts.identifier, state: accounts.state });
  return { grouped, deleted };
}
