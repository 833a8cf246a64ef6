// SPEC §3.1 "first login through FranceConnect" (Non notifié, Notifié et non activé, En cours d'activation → Activé,
// origin FranceConnect; Activé unchanged) and guide §1.2 (several references of one person grouped on that path):
// one transaction activates one account, links the FranceConnect subject and groups the confirmed references.
import { eq, inArray } from 'drizzle-orm';
import { lockAccounts, type AccountRow } from '../../accounts/queries.ts';
import { recordAudit, type AuditEntry } from '../../audit/record.ts';
import { accounts, flows, guardians } from '../../db/schema.ts';
import { nextStatus } from '../../domain/account-state.ts';
import { maskMobile } from '../../messaging/sms/phone-number.ts';
import type { Flow } from '../flow-store.ts';
import { groupReferences } from '../sms-registration/complete-registration.ts';
import type { FranceConnectData, FranceConnectDeps } from './franceconnect-flow.ts';
import { linkSubject } from './links.ts';

// The account the person already uses comes first (an Activé one keeps its identifier and password), then the one
// they may have heard of (a letter, an e-mail).
const KEEP_ORDER: Record<AccountRow['state'], number> = { active: 0, en_cours: 1, notifie: 2, non_notifie: 3 };

export type PairingOutcome = { kind: 'linked'; accountId: string } | { kind: 'nothing_to_link' };

/** SPEC §5 FranceConnect, last step of the first connection: the account is Activé and linked; the flow is gone. */
export async function completePairing(deps: FranceConnectDeps, flow: Flow<FranceConnectData>, input: { guardianIds: number[]; ip: string }): Promise<PairingOutcome> {
  const { db, clock } = deps.accounts;
  const now = clock();
  const mobile = flow.data.mobile!;
  const sub = flow.data.sub!;
  return db.transaction(async (tx) => {
    const references = await tx
      .select({ id: guardians.id, accountId: guardians.accountId })
      .from(guardians)
      .where(inArray(guardians.id, input.guardianIds))
      .orderBy(guardians.id)
      .for('update');
    const locked = await lockAccounts(tx, [...new Set(references.flatMap((r) => (r.accountId ? [r.accountId] : [])))]);
    const firstReference = (a: AccountRow) => references.find((r) => r.accountId === a.id)!.id;
    const kept = locked
      .filter((a) => a.kind === 'guardian')
      .sort((a, b) => KEEP_ORDER[a.state] - KEEP_ORDER[b.state] || firstReference(a) - firstReference(b))[0];
    if (!kept) return { kind: 'nothing_to_link' as const };

    // An Activé account gets its own row back: keep only the two fields of the status.
    const { state, origin } = nextStatus(kept, 'franceconnect_login');
    const status = { state, origin };
    const activating = kept.state !== 'active';
    await tx
      .update(accounts)
      // FranceConnect stands in for a password: none is chosen, and the paper one is no longer needed.
      .set({ ...status, mobile, updatedAt: now, ...(activating ? { provisionalPassword: null, provisionalValidFrom: null, activatedAt: now } : {}) })
      .where(eq(accounts.id, kept.id));
    const { grouped, deleted } = await groupReferences(tx, kept, references, locked, now);
    await linkSubject(tx, sub, kept.id, now);
    const entries: AuditEntry[] = [
      {
        action: 'account.franceconnect_linked',
        accountId: kept.id,
        details: { from: kept.state, origin: status.origin, mobile: maskMobile(mobile), references: grouped.length, merged: deleted.map((d) => d.identifier) },
      },
      ...deleted.map((d) => ({ action: 'account.merged', accountId: d.id, details: { into: kept.id, intoIdentifier: kept.identifier, identifier: d.identifier, state: d.state } })),
    ];
    await recordAudit(tx, { kind: 'account', id: kept.id, ip: input.ip }, entries, now);
    await tx.update(flows).set({ accountId: kept.id, updatedAt: now }).where(eq(flows.id, flow.id));
    return { kind: 'linked' as const, accountId: kept.id };
  });
}
