// Reading and moving an activation flow from its pages: a live flow of the expected kind, or why not (gone
// or never existed); a step that moves the flow only from the state it expects, so a form sent twice acts once.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { flows } from '../../db/schema.ts';
import { loadFlow, type Flow } from '../flow-store.ts';

export type FlowAccess<D extends Record<string, unknown>> =
  | { ok: true; flow: Flow<D> & { accountId: string } }
  | { ok: false; status: 404 | 410 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The live flow of `kind` with an account, else 410 for one of that kind that expired, else 404. */
export async function openFlow<D extends Record<string, unknown>>(db: Executor, id: string, kind: string, now: Date): Promise<FlowAccess<D>> {
  const flow = await loadFlow<D>(db, id, kind, now);
  if (flow?.accountId) return { ok: true, flow: flow as Flow<D> & { accountId: string } };
  if (flow || !UUID.test(id)) return { ok: false, status: 404 };
  const [row] = await db.select({ kind: flows.kind }).from(flows).where(eq(flows.id, id));
  return { ok: false, status: row?.kind === kind ? 410 : 404 };
}

/** Moves the flow from `from` to a new state and data; false when another request moved it first. */
export async function advanceFlow(
  db: Executor,
  id: string,
  from: string,
  change: { state: string; data?: Record<string, unknown>; attempts?: number },
  now: Date,
): Promise<boolean> {
  const moved = await db
    .update(flows)
    .set({ ...change, updatedAt: now })
    .where(and(eq(flows.id, id), eq(flows.state, from)))
    .returning({ id: flows.id });
  return moved.length === 1;
}

/** One more failed attempt (a wrong birth date), counted in the database so parallel tries all count. */
export async function countFailedAttempt(db: Executor, id: string, now: Date): Promise<number> {
  const [row] = await db
    .update(flows)
    .set({ attempts: sql`${flows.attempts} + 1`, updatedAt: now })
    .where(eq(flows.id, id))
    .returning({ attempts: flows.attempts });
  return row?.attempts ?? Number.MAX_SAFE_INTEGER;
}
