// Security baseline: every admin action and authentication event is audited — never a password, code or token.
import { auditEvents } from '../db/schema.ts';
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
    at,
    actorKind: actor.kind,
    actorId: actor.id === undefined ? null : String(actor.id),
    action: e.action,
    accountId: e.accountId ?? null,
    establishmentId: e.establishmentId ?? null,
    details: e.details ?? {},
    ip: actor.ip ?? null,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(auditEvents).values(rows.slice(i, i + 1000));
}
