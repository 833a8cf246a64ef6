// Self-service flows as persisted records (STYLE.md, after Kratos): a flow has an id, a kind, a named state,
// an expiry and its own CSRF token; each step reads it, checks it and moves it on. Nothing lives in memory.
import { and, eq, gt, lt } from 'drizzle-orm';
import { flows } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';
import { newToken } from '../shared/tokens.ts';

export interface Flow<D extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  kind: string;
  state: string;
  accountId: string | null;
  csrfToken: string;
  data: D;
  attempts: number;
  returnTo: string | null;
  expiresAt: Date;
}

export interface NewFlow<D extends Record<string, unknown>> {
  kind: string;
  state: string;
  accountId?: string | null;
  data: D;
  returnTo?: string | null;
  ttlMs: number;
}

export async function createFlow<D extends Record<string, unknown>>(db: Executor, flow: NewFlow<D>, now: Date): Promise<Flow<D>> {
  const [row] = await db
    .insert(flows)
    .values({
      kind: flow.kind,
      state: flow.state,
      accountId: flow.accountId ?? null,
      csrfToken: newToken(),
      data: flow.data,
      returnTo: flow.returnTo ?? null,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + flow.ttlMs),
    })
    .returning();
  return row as unknown as Flow<D>;
}

/** A live flow of that kind, or null (unknown, expired, or of another kind: a flow id is never reused across kinds). */
export async function loadFlow<D extends Record<string, unknown>>(db: Executor, id: string, kinds: string | readonly string[], now: Date): Promise<Flow<D> | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(flows).where(and(eq(flows.id, id), gt(flows.expiresAt, now)));
  if (!row || !([] as string[]).concat(kinds).includes(row.kind)) return null;
  return row as unknown as Flow<D>;
}

/** Moves a flow on: new state and/or data and/or attempts. */
export async function updateFlow(
  db: Executor,
  id: string,
  change: { state?: string; data?: Record<string, unknown>; attempts?: number; accountId?: string | null },
  now: Date,
): Promise<void> {
  await db.update(flows).set({ ...change, updatedAt: now }).where(eq(flows.id, id));
}

/** A finished or abandoned flow is deleted: its data (hashed codes, names typed) is kept no longer than needed. */
export async function deleteFlow(db: Executor, id: string): Promise<void> {
  await db.delete(flows).where(eq(flows.id, id));
}

export async function purgeExpiredFlows(db: Executor, now: Date): Promise<number> {
  const removed = await db.delete(flows).where(lt(flows.expiresAt, now)).returning({ id: flows.id });
  return removed.length;
}
