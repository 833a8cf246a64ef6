// Security baseline: every admin action and authentication event is audited — never a password, code or token.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

export interface Actor {
  kind: 'staff' | 'account' | 'system';
  id?: string | number;
  ip?: string;
}

export const SYSTEM: Actor = { kind: 'system' };

export interface AuditEntry {
  action: string;
  accountId?: string;
  establishmentId?: number;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Executor, actor: Actor, entries: readonly AuditEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    action: e.action,
    account_id: e.accountId ?? null,
    establishment_id: e.establishmentId ?? null,
    details: e.details ?? {},
  }));
  const actorId = actor.id === undefined ? null : String(actor.id);
  // One JSON parameter per 5,000 rows: an import audits every account it pre-creates.
  for (let i = 0; i < rows.length; i += 5_000) {
    await db.execute(sql`insert into audit_events (at, actor_kind, actor_id, action, account_id, establishment_id, details, ip)
      select ${at}, ${actor.kind}, ${actorId}, v.action, v.account_id, v.establishment_id, coalesce(v.details, '{}'::jsonb), ${actor.ip ?? null}
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5_000))}::jsonb) as v(action text, account_id uuid, establishment_id int, details jsonb)`);
  }
}
