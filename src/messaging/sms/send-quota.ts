// Security baseline (throttling): a cap on the codes and recovery messages sent to one number or address, so
// that nobody can use Guichet to flood a phone or a mailbox (nor run up the SMS bill). The counters live in
// login_throttles beside the failure counters, shared by every process; a window starts at its first send.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { loginThrottles } from '../../db/schema.ts';

export const SEND_QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Codes by SMS to one number per 24 h, registration and recovery together. */
export const SMS_PER_NUMBER = 5;
/** Recovery e-mails to one address per 24 h. */
export const EMAILS_PER_ADDRESS = 5;

export function smsQuotaKey(e164: string): string {
  return `quota:sms:${e164}`;
}

export function emailQuotaKey(address: string): string {
  return `quota:email:${address.trim().toLowerCase()}`;
}

/** Takes one send from the key's quota: true when allowed (and counted), false when the window is full. */
export async function takeSendQuota(db: Executor, key: string, limit: number, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - SEND_QUOTA_WINDOW_MS);
  const expired = sql`${loginThrottles.lastFailureAt} < ${windowStart}`;
  // lastFailureAt holds the start of the current window; blockedUntil stays null so the login throttle ignores
  // the row. A full window updates nothing, so nothing is returned: one statement, no race between processes.
  const rows = await db
    .insert(loginThrottles)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${loginThrottles.failures} + 1 end`,
        lastFailureAt: sql`case when ${expired} then ${now}::timestamptz else ${loginThrottles.lastFailureAt} end`,
      },
      setWhere: sql`${expired} or ${loginThrottles.failures} < ${limit}`,
    })
    .returning({ failures: loginThrottles.failures });
  return rows.length === 1;
}
