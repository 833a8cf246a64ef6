// oidc-provider's storage (sessions, interactions, codes, tokens, grants…) in the oidc_payloads table, one row per
// (model, id), so that every process behind the load balancer sees the same state (DESIGN.md: scale-out).
// Works the same on PGlite and PostgreSQL: plain INSERT … ON CONFLICT, no vendor extension.
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../db/client.ts';
import { oidcPayloads } from '../../db/schema.ts';

/** The models that belong to a grant: revoking the grant deletes them (memory adapter's `grantable`). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

const live = (now: Date) => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now));

export class DrizzleOidcAdapter implements Adapter {
  constructor(
    private readonly db: Database,
    private readonly type: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === 'number' ? new Date(this.now().getTime() + expiresIn * 1000) : null;
    const row = {
      payload: payload as Record<string, unknown>,
      grantId: GRANTABLE.has(this.type) ? (payload.grantId ?? null) : null,
      userCode: payload.userCode ?? null,
      uid: this.type === 'Session' ? (payload.uid ?? null) : null,
      expiresAt,
    };
    await this.db
      .insert(oidcPayloads)
      .values({ id, type: this.type, ...row })
      .onConflictDoUpdate({ target: [oidcPayloads.id, oidcPayloads.type], set: row });
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oidcPayloads.id, id));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oidcPayloads.uid, uid));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oidcPayloads.userCode, userCode));
  }

  async consume(id: string): Promise<void> {
    await this.db
      .update(oidcPayloads)
      .set({ consumedAt: this.now() })
      .where(and(eq(oidcPayloads.id, id), eq(oidcPayloads.type, this.type)));
  }

  async destroy(id: string): Promise<void> {
    await this.db.delete(oidcPayloads).where(and(eq(oidcPayloads.id, id), eq(oidcPayloads.type, this.type)));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.delete(oidcPayloads).where(and(eq(oidcPayloads.grantId, grantId), eq(oidcPayloads.type, this.type)));
  }

  private async findWhere(condition: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
    const [row] = await this.db
      .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
      .from(oidcPayloads)
      .where(and(condition, eq(oidcPayloads.type, this.type), live(this.now())))
      .limit(1);
    if (!row) return undefined;
    // oidc-provider reads `consumed` (epoch seconds) to detect a replayed code or a rotated refresh token.
    return row.consumedAt ? { ...row.payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : (row.payload as AdapterPayload);
  }
}

/** The purge job's query: rows past their expiry are never read again; returns how many were deleted. */
export async function purgeExpiredOidcPayloads(db: Database, now: Date = new Date()): Promise<number> {
  const deleted = await db.delete(oidcPayloads).where(lte(oidcPayloads.expiresAt, now)).returning({ id: oidcPayloads.id });
  return deleted.length;
}

/** For tests and diagnostics: rows of one model (expired ones included). */
export async function countOidcPayloads(db: Database, type: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(oidcPayloads).where(eq(oidcPayloads.type, type));
  return row?.n ?? 0;
}
