// SPEC §5 login: identifier + password → a session, or the activation the person owes first; the refusal
// never tells whether an identifier exists; throttled per account and per IP with growing delays.
import type { AccountsDeps } from '../accounts/deps.ts';
import { checkCredentials } from '../accounts/credentials.ts';
import { recordAudit } from '../audit/record.ts';
import { clearFailures, recordFailure, throttleWait, type ThrottleKey } from '../auth/throttle.ts';
import { canReachServices } from '../domain/account-state.ts';
import { createFlow } from '../flows/flow-store.ts';
import { populationSettings } from '../realms/index.ts';
import { startAccountSession } from './session.ts';

/** An activation flow must be finished within this time once started from the login page. */
export const ACTIVATION_FLOW_TTL_MS = 30 * 60 * 1000;

export type LoginOutcome =
  | { kind: 'session'; token: string; accountId: string }
  | { kind: 'activation'; flowId: string; flowKind: string }
  | { kind: 'invalid' }
  | { kind: 'provisional_expired' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/** Where each onboarding of SPEC §5 lives (its pages belong to its flow). */
export const ONBOARDING_PATHS: Record<string, string> = {
  'guardian-activation': '/premiere-connexion',
  'student-activation': '/activation-eleve',
  'password-then-security-questions': '/mise-a-jour-mot-de-passe',
};

/** SPEC §5 login page: one use case, the answer a person needs next. */
export async function logIn(
  deps: AccountsDeps,
  input: { identifier: string; password: string; ip: string; returnTo?: string },
): Promise<LoginOutcome> {
  const now = deps.clock();
  const identifier = input.identifier.trim().toLowerCase();
  const accountKey: ThrottleKey = { key: `account:${identifier}`, scope: 'account' };
  const keys: ThrottleKey[] = [accountKey, { key: `ip:${input.ip}`, scope: 'ip' }];
  const wait = await throttleWait(deps.db, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  const check = await checkCredentials(deps, identifier, input.password);
  if (check.outcome === 'invalid') {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await recordAudit(tx, { kind: 'system', ip: input.ip }, [{ action: 'account.login_failed', details: { identifier } }], now);
    });
    return { kind: 'invalid' };
  }
  await clearFailures(deps.db, [accountKey]);
  if (check.outcome === 'provisional_expired') return { kind: 'provisional_expired' };

  // A provisional password, or a guardian who has not clicked the C07 link yet: the activation comes first
  // (rev.: "En cours d'activation" may correct the address and get a new C07; no service until Activé).
  if (check.provisional || !canReachServices(check.state)) {
    const onboarding = populationSettings(deps.realm, check.kind).onboarding;
    const flow = await createFlow(
      deps.db,
      {
        kind: onboarding,
        state: check.provisional ? 'password' : 'email',
        accountId: check.accountId,
        data: {},
        returnTo: input.returnTo ?? null,
        ttlMs: ACTIVATION_FLOW_TTL_MS,
      },
      now,
    );
    return { kind: 'activation', flowId: flow.id, flowKind: onboarding };
  }
  const token = await startAccountSession(deps, { accountId: check.accountId, method: 'password', ip: input.ip });
  return { kind: 'session', token, accountId: check.accountId };
}
