// SPEC §3 / §5 Profile "merge accounts" (guide §1.2): a guardian registered under several references proves
// they own another account with its identifier and password, throttled like a login; the proof is kept in a
// short-lived flow until they confirm on a page that lists the children that will move.
import { eq } from 'drizzle-orm';
import { checkCredentials } from '../../accounts/credentials.ts';
import { recordAudit } from '../../audit/record.ts';
import { clearFailures, recordFailure, throttleWait, type ThrottleKey } from '../../auth/throttle.ts';
import { accounts } from '../../db/schema.ts';
import { createFlow } from '../flow-store.ts';
import type { ProfileDeps } from './deps.ts';
import { accountThrottleKey } from './change-password.ts';

export const MERGE_FLOW_KIND = 'account-merge';
/** The confirmation page must be answered within this time after the proof. */
export const MERGE_FLOW_TTL_MS = 15 * 60 * 1000;

export interface MergeFlowData extends Record<string, unknown> {
  otherAccountId: string;
  otherIdentifier: string;
  /** Once merged: the children that moved, "Prénom Nom", for the result message. */
  movedChildren?: string[];
}

export type StartMergeResult =
  | { ok: true; flowId: string }
  | { ok: false; reason: 'not_guardian' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  | { ok: false; reason: 'refused'; error: string };

export const MERGE_ERRORS = {
  missing: "Saisissez l'identifiant et le mot de passe de votre autre compte.",
  self: "C'est l'identifiant du compte avec lequel vous êtes connecté : saisissez celui de votre autre compte.",
  invalid: 'Identifiant ou mot de passe incorrect.',
  expired: "Le mot de passe provisoire de cet autre compte a expiré : demandez à l'établissement de vous remettre une nouvelle lettre.",
  student: "Cet autre compte n'est pas un compte de responsable : il ne peut pas être regroupé avec le vôtre.",
} as const;

/** SPEC §5 Profile, merge accounts, step 1: the other account's credentials → a confirmation flow. */
export async function startMerge(
  deps: ProfileDeps,
  request: { accountId: string; identifier: string; password: string; ip: string },
): Promise<StartMergeResult> {
  const { db, clock } = deps.accounts;
  const now = clock();
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, request.accountId) });
  if (!account || account.kind !== 'guardian') return { ok: false, reason: 'not_guardian' };
  const identifier = request.identifier.trim().toLowerCase();
  if (!identifier || !request.password) return { ok: false, reason: 'refused', error: MERGE_ERRORS.missing };
  if (identifier === account.identifier) return { ok: false, reason: 'refused', error: MERGE_ERRORS.self };

  // The same counters as the login page: guessing another account's password here is no easier than there.
  const otherKey = accountThrottleKey(identifier);
  const keys: ThrottleKey[] = [otherKey, { key: `ip:${request.ip}`, scope: 'ip' }];
  const wait = await throttleWait(db, keys, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  const check = await checkCredentials(deps.accounts, identifier, request.password);
  if (check.outcome === 'invalid') {
    await db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await recordAudit(tx, { kind: 'account', id: account.id, ip: request.ip }, [{ action: 'account.merge_failed', accountId: account.id, details: { identifier } }], now);
    });
    return { ok: false, reason: 'refused', error: MERGE_ERRORS.invalid };
  }
  await clearFailures(db, [otherKey]);
  if (check.outcome === 'provisional_expired') return { ok: false, reason: 'refused', error: MERGE_ERRORS.expired };
  if (check.accountId === account.id) return { ok: false, reason: 'refused', error: MERGE_ERRORS.self };
  if (check.kind !== 'guardian') return { ok: false, reason: 'refused', error: MERGE_ERRORS.student };

  const flow = await createFlow<MergeFlowData>(
    db,
    { kind: MERGE_FLOW_KIND, state: 'confirm', accountId: account.id, data: { otherAccountId: check.accountId, otherIdentifier: identifier }, ttlMs: MERGE_FLOW_TTL_MS },
    now,
  );
  return { ok: true, flowId: flow.id };
}
