// Throttling counters in the database, shared by every process: per account and per IP, growing delays.
import { inArray, sql } from 'drizzle-orm';
import { loginThrottles } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';
import { FAILURE_MEMORY_SECONDS, throttleDelaySeconds, type ThrottleScope } from '../domain/throttle.ts';

/** A counter: `account:…` keys and `ip:…` keys follow different thresholds. */
export interface ThrottleKey {
  key: string;
  scope: ThrottleScope;
}

/** Seconds to wait before another attempt on any of these keys (0: go ahead). */
export async function throttleWait(db: Executor, keys: readonly ThrottleKey[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.select().from(loginThrottles).where(inArray(loginThrottles.key, keys.map((k) => k.key)));
  let wait = 0;
  for (const row of rows) {
    if (row.blockedUntil && row.blockedUntil > now) wait = Math.max(wait, (row.blockedUntil.getTime() - now.getTime()) / 1000);
  }
  return wait;
}

/** One more failure on each key; the next attempt waits throttleDelaySeconds(failures). */
export async function recordFailure(db: Executor, keys: readonly ThrottleKey[], now: Date): Promise<void> {
  for (const { key, scope } of keys) {
    const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_SECONDS * 1000);
    const [row] = await db
      .insert(loginThrottles)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottles.key,
        set: {
          failures: sql`case when ${loginThrottles.lastFailureAt} < ${forgetBefore} then 1 else ${loginThrottles.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: loginThrottles.failures });
    const delay = throttleDelaySeconds(row!.failures, scope);
    if (delay > 0) {
      await db
        .update(loginThrottles)
        .set({ blockedUntil: new Date(now.getTime() + delay * 1000) })
        .where(inArray(loginThrottles.key, [key]));
    }
  }
}

/** A success forgets the failures of the account (not of the IP: one good password does not clear a spray). */
export async function clearFailures(db: Executor, keys: readonly ThrottleKey[]): Promise<void> {
  if (keys.length > 0) await db.delete(loginThrottles).where(inArray(loginThrottles.key, keys.map((k) => k.key)));
}
