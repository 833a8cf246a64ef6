// The console session: who is signed in, which establishments they administer, which one is chosen.
// Checked against the database on every request: an id from a page is never trusted (SPEC §4).
import { and, asc, eq } from 'drizzle-orm';
import { establishments, staff, staffEstablishments, staffSessions } from '../../db/schema.ts';
import { recordAudit } from '../../audit/record.ts';
import { tokenHash } from '../../shared/tokens.ts';
import { STAFF_SESSION_IDLE_MS, STAFF_SESSION_MAX_MS, type StaffAuthDeps } from './deps.ts';

export interface AdministeredEstablishment {
  id: number;
  uai: string;
  name: string;
  city: string | null;
  kind: string;
  degree: '1D' | '2D';
  sector: 'public' | 'private';
}

export interface StaffSession {
  tokenHash: string;
  staffId: number;
  displayName: string;
  login: string;
  csrfToken: string;
  lastSearch: Record<string, unknown> | null;
  establishments: AdministeredEstablishment[];
  /** The chosen establishment — always one of `establishments`, or null until chosen. */
  current: AdministeredEstablishment | null;
}

/** Loads a live session and slides its expiry; null when unknown or expired. */
export async function loadStaffSession(deps: StaffAuthDeps, token: string | undefined): Promise<StaffSession | null> {
  if (!token) return null;
  const now = deps.clock();
  const hash = tokenHash(token);
  const [row] = await deps.db
    .select({ session: staffSessions, member: staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(eq(staffSessions.tokenHash, hash));
  if (!row || row.session.expiresAt <= now) return null;
  const owned = await deps.db
    .select({
      id: establishments.id,
      uai: establishments.uai,
      name: establishments.name,
      city: establishments.city,
      kind: establishments.kind,
      degree: establishments.degree,
      sector: establishments.sector,
    })
    .from(staffEstablishments)
    .innerJoin(establishments, eq(establishments.id, staffEstablishments.establishmentId))
    .where(eq(staffEstablishments.staffId, row.member.id))
    .orderBy(asc(establishments.name));
  const expiresAt = new Date(Math.min(now.getTime() + STAFF_SESSION_IDLE_MS, row.session.createdAt.getTime() + STAFF_SESSION_MAX_MS));
  if (expiresAt.getTime() - row.session.expiresAt.getTime() > 60_000) {
    await deps.db.update(staffSessions).set({ lastSeenAt: now, expiresAt }).where(eq(staffSessions.tokenHash, hash));
  }
  return {
    tokenHash: hash,
    staffId: row.member.id,
    displayName: row.member.displayName,
    login: row.member.login,
    csrfToken: row.session.csrfToken,
    lastSearch: row.session.lastSearch ?? null,
    establishments: owned,
    current: owned.find((e) => e.id === row.session.establishmentId) ?? null,
  };
}

/** SPEC §4 (guide §4.1): choose the establishment to administer; refused unless it is one of the admin's. */
export async function chooseEstablishment(deps: StaffAuthDeps, session: StaffSession, establishmentId: number): Promise<boolean> {
  if (!session.establishments.some((e) => e.id === establishmentId)) return false;
  await deps.db.transaction(async (tx) => {
    await tx.update(staffSessions).set({ establishmentId, lastSearch: null }).where(eq(staffSessions.tokenHash, session.tokenHash));
    await recordAudit(tx, { kind: 'staff', id: session.staffId }, [{ action: 'staff.establishment_chosen', establishmentId }], deps.clock());
  });
  return true;
}

/** SPEC §4 search memory: the criteria re-run when coming back from an account page. */
export async function rememberSearch(deps: StaffAuthDeps, session: StaffSession, criteria: Record<string, unknown>): Promise<void> {
  await deps.db.update(staffSessions).set({ lastSearch: criteria }).where(eq(staffSessions.tokenHash, session.tokenHash));
}

/** SPEC §4 (guide §2.2): logout ends the session at once. */
export async function endStaffSession(deps: StaffAuthDeps, session: StaffSession, ip?: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.delete(staffSessions).where(and(eq(staffSessions.tokenHash, session.tokenHash)));
    await recordAudit(tx, { kind: 'staff', id: session.staffId, ip }, [{ action: 'staff.logout' }], deps.clock());
  });
}
