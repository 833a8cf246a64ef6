// SPEC §3 "merged-away accounts are deleted and no longer visible to admins" (guide §1.2, §5.1): once the person
// confirms, every guardian reference of the other account points to this one (its children come along), and the
// other account goes with everything that could still open it: sessions, flows, links, single sign-on state.
import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import type { Executor } from '../../db/client.ts';
import { accounts, accountSessions, emailVerifications, flows, guardians } from '../../db/schema.ts';
import { deleteFlow, loadFlow, updateFlow, type Flow } from '../flow-store.ts';
import type { ProfileDeps } from './deps.ts';
import { loadChildren, type ProfileChild } from './profile-query.ts';
import { MERGE_FLOW_KIND, type MergeFlowData } from './start-merge.ts';

export interface MergePreview {
  flowId: string;
  identifier: string;
  otherIdentifier: string;
  /** The children of the other account: they will be attached to this one. */
  children: ProfileChild[];
}

export type MergeResult = { ok: true; otherIdentifier: string; movedChildren: string[] } | { ok: false; reason: 'expired' };

/** The session's own merge flow in the given state, or null: a flow id from the address bar proves nothing else. */
async function ownFlow(db: Executor, flowId: string, accountId: string, state: 'confirm' | 'done', now: Date): Promise<Flow<MergeFlowData> | null> {
  const flow = await loadFlow<MergeFlowData>(db, flowId, MERGE_FLOW_KIND, now);
  return flow && flow.accountId === accountId && flow.state === state ? flow : null;
}

/** SPEC §5 Profile, merge accounts, step 2: what the confirmation page shows, or null (expired, not this session's). */
export async function loadMergePreview(deps: ProfileDeps, request: { flowId: string; accountId: string }): Promise<MergePreview | null> {
  const { db, clock } = deps.accounts;
  const flow = await ownFlow(db, request.flowId, request.accountId, 'confirm', clock());
  if (!flow) return null;
  const rows = await db
    .select({ id: accounts.id, identifier: accounts.identifier })
    .from(accounts)
    .where(inArray(accounts.id, [request.accountId, flow.data.otherAccountId]));
  const self = rows.find((r) => r.id === request.accountId);
  const other = rows.find((r) => r.id === flow.data.otherAccountId);
  if (!self || !other) return null;
  return { flowId: flow.id, identifier: self.identifier, otherIdentifier: other.identifier, children: await loadChildren(db, [other.id]) };
}

/** The result message of a finished merge, shown once (like a flash message): the flow is deleted as it is read. */
export async function takeMergeOutcome(deps: ProfileDeps, request: { flowId: string; accountId: string }): Promise<{ movedChildren: string[] } | null> {
  const { db, clock } = deps.accounts;
  const flow = await ownFlow(db, request.flowId, request.accountId, 'done', clock());
  if (!flow) return null;
  await deleteFlow(db, flow.id);
  return { movedChildren: flow.data.movedChildren ?? [] };
}

/** SPEC §5 Profile, merge accounts, step 3: one transaction — references re-pointed, the other account deleted, audit on both. */
export async function mergeAccounts(deps: ProfileDeps, request: { flowId: string; accountId: string; ip?: string }): Promise<MergeResult> {
  const now = deps.accounts.clock();
  return deps.accounts.db.transaction(async (tx): Promise<MergeResult> => {
    const flow = await ownFlow(tx, request.flowId, request.accountId, 'confirm', now);
    if (!flow) return { ok: false, reason: 'expired' };
    const otherId = flow.data.otherAccountId;
    // Both rows locked, always in the same order, so two merges of the same pair cannot cross.
    const locked = await tx
      .select({ id: accounts.id, kind: accounts.kind, identifier: accounts.identifier })
      .from(accounts)
      .where(inArray(accounts.id, [request.accountId, otherId]))
      .orderBy(accounts.id)
      .for('update');
    const self = locked.find((a) => a.id === request.accountId);
    const other = locked.find((a) => a.id === otherId);
    if (!self || !other || self.id === other.id || self.kind !== 'guardian' || other.kind !== 'guardian') {
      await deleteFlow(tx, flow.id);
      return { ok: false, reason: 'expired' };
    }

    const children = await loadChildren(tx, [other.id]);
    const movedChildren = children.map((c) => `${c.firstName} ${c.lastName}`);
    const references = await tx
      .update(guardians)
      .set({ accountId: self.id, updatedAt: now })
      .where(eq(guardians.accountId, other.id))
      .returning({ id: guardians.id });
    const sessions = await tx.delete(accountSessions).where(eq(accountSessions.accountId, other.id)).returning({ tokenHash: accountSessions.tokenHash });
    await tx.delete(flows).where(eq(flows.accountId, other.id));
    await tx.delete(emailVerifications).where(eq(emailVerifications.accountId, other.id));
    // Single sign-on state (oidc-provider sessions, grants, tokens) names the account in its payload.
    await tx.execute(sql`delete from oidc_payloads where payload->>'accountId' = ${other.id}`);
    await tx.delete(accounts).where(eq(accounts.id, other.id));

    const guardianIds = references.map((r) => r.id);
    await recordAudit(
      tx,
      { kind: 'account', id: self.id, ip: request.ip },
      [
        {
          action: 'account.merged_into',
          accountId: other.id,
          details: { identifier: other.identifier, into: self.identifier, intoAccountId: self.id, guardianIds, endedSessions: sessions.length },
        },
        {
          action: 'account.merged_from',
          accountId: self.id,
          details: { identifier: self.identifier, from: other.identifier, fromAccountId: other.id, guardianIds, movedChildren: children.length },
        },
      ],
      now,
    );
    await updateFlow(tx, flow.id, { state: 'done', data: { ...flow.data, movedChildren } }, now);
    return { ok: true, otherIdentifier: other.identifier, movedChildren };
  });
}
