// The SMS code step shared by SMS registration and password recovery (SPEC §5; DESIGN.md security baseline):
// a try is reserved in the database before the code is compared, so parallel requests cannot exceed the limit;
// a wrong code also counts against the number and the address (growing delays across flows).
import { and, eq, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { recordAudit } from '../../audit/record.ts';
import { clearFailures, recordFailure, throttleWait, type ThrottleKey } from '../../auth/throttle.ts';
import { flows } from '../../db/schema.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { checkCode, issueCode, typedCode, type CodeState } from '../../messaging/sms/one-time-code.ts';
import { maskMobile } from '../../messaging/sms/phone-number.ts';
import { smsQuotaKey, SMS_PER_NUMBER, takeSendQuota } from '../../messaging/sms/send-quota.ts';
import type { Flow } from '../flow-store.ts';

/** Failures tied to one mobile number, whichever flow they come from ('account' thresholds: 3 free, then waits). */
export function mobileThrottleKey(e164: string): ThrottleKey {
  return { key: `sms:mobile:${e164}`, scope: 'account' };
}

export type CodeStepResult =
  | { kind: 'valid' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'malformed' }
  | { kind: 'wrong'; remaining: number }
  | { kind: 'expired' }
  | { kind: 'exhausted' };

/** Checks the code typed in a flow at `state`; on 'valid' the caller moves the flow on (and drops the code). */
export async function checkFlowCode(
  deps: AccountsDeps,
  flow: Flow<{ code?: CodeState }>,
  input: { typed: string; keys: ThrottleKey[]; clearOnSuccess: ThrottleKey[]; ip: string; audit: string },
): Promise<CodeStepResult> {
  const now = deps.clock();
  const wait = await throttleWait(deps.db, input.keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait) };
  if (typedCode(input.typed) === null) return { kind: 'malformed' };

  const [reserved] = await deps.db
    .update(flows)
    .set({
      data: sql`jsonb_set(${flows.data}, '{code,attempts}', to_jsonb(coalesce((${flows.data}->'code'->>'attempts')::int, 0) + 1))`,
      updatedAt: now,
    })
    .where(and(eq(flows.id, flow.id), eq(flows.state, flow.state), sql`${flows.data}->'code' is not null`))
    .returning({ data: flows.data });
  const state = (reserved?.data as { code?: CodeState } | undefined)?.code;
  // The try just reserved is the one being made: compare with the count before it.
  const result = checkCode(state ? { ...state, attempts: state.attempts - 1 } : undefined, flow.id, input.typed, now);
  if (result.outcome === 'valid') {
    await clearFailures(deps.db, input.clearOnSuccess);
    return { kind: 'valid' };
  }
  if (result.outcome === 'wrong') {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, input.keys, now);
      await recordAudit(tx, { kind: 'system', ip: input.ip }, [{ action: input.audit, accountId: flow.accountId ?? undefined, details: { flow: flow.kind } }], now);
    });
    return { kind: 'wrong', remaining: result.remaining };
  }
  if (result.outcome === 'malformed') return { kind: 'malformed' };
  return { kind: result.outcome };
}

export interface CodeMessage {
  /** E.164 number the code goes to; null when nothing may be sent (the answer still looks the same). */
  mobile: string | null;
  text: (code: string) => string;
  template: string;
  accountId?: string;
}

export type SendResult = { kind: 'sent' } | { kind: 'too_soon'; waitSeconds: number } | { kind: 'too_many_sends' } | { kind: 'quota' };

/**
 * Draws a code for the flow (first or new one), stores its hash in the flow's data and enqueues the SMS in the
 * same transaction. With `mobile: null` the limits apply and the flow changes just the same, but nothing is sent.
 */
export async function sendFlowCode(
  deps: AccountsDeps,
  boss: PgBoss,
  flow: Flow<{ code?: CodeState }>,
  change: { state: string; data: Record<string, unknown> },
  message: CodeMessage,
  audit: { action: string; ip: string; details?: Record<string, unknown> },
): Promise<SendResult> {
  const now = deps.clock();
  const issued = issueCode(flow.data.code, flow.id, deps.randomInt, now);
  if (!issued.ok) return issued.reason === 'too_soon' ? { kind: 'too_soon', waitSeconds: issued.waitSeconds } : { kind: 'too_many_sends' };
  if (message.mobile && !(await takeSendQuota(deps.db, smsQuotaKey(message.mobile), SMS_PER_NUMBER, now))) return { kind: 'quota' };
  await deps.db.transaction(async (tx) => {
    await tx
      .update(flows)
      .set({ state: change.state, data: { ...change.data, code: issued.state }, updatedAt: now })
      .where(eq(flows.id, flow.id));
    if (message.mobile) {
      await enqueueMessages(tx, boss, [
        { channel: 'sms', recipient: message.mobile, subject: null, text: message.text(issued.code), html: null, template: message.template, accountId: message.accountId },
      ]);
      await recordAudit(
        tx,
        { kind: 'system', ip: audit.ip },
        [{ action: audit.action, accountId: message.accountId, details: { ...audit.details, mobile: maskMobile(message.mobile), send: issued.state.sends } }],
        now,
      );
    }
  });
  return { kind: 'sent' };
}
