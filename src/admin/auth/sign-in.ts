// SPEC §4 staff sign-in (guide §2.1): local staff accounts, Argon2id, throttled per login and per IP.
import { eq } from 'drizzle-orm';
import { staff, staffEstablishments, staffSessions } from '../../db/schema.ts';
import { recordAudit } from '../../audit/record.ts';
import { hashPassword, verifyPasswordHash } from '../../accounts/password-hash.ts';
import { clearFailures, recordFailure, throttleWait } from '../../auth/throttle.ts';
import { newToken, tokenHash } from '../../shared/tokens.ts';
import { STAFF_SESSION_IDLE_MS, type StaffAuthDeps } from './deps.ts';

export type StaffSignIn =
  | { ok: true; sessionToken: string; staffId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

let decoyHash: Promise<string> | undefined;

/** SPEC §4 sign-in: a session whose establishment is preselected when the admin has only one (guide §2.1). */
export async function signInStaff(deps: StaffAuthDeps, input: { login: string; password: string; ip: string }): Promise<StaffSignIn> {
  const now = deps.clock();
  const login = input.login.trim().toLowerCase();
  const accountKey = { key: `staff:${login}`, scope: 'account' as const };
  const keys = [accountKey, { key: `staff-ip:${input.ip}`, scope: 'ip' as const }];
  const wait = await throttleWait(deps.db, keys, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  const member = await deps.db.query.staff.findFirst({ where: eq(staff.login, login) });
  // A head imported from the directory has no password yet: the same work as an unknown login, never a shortcut.
  const storedHash = member?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy-staff-password')));
  const valid = (await verifyPasswordHash(storedHash, input.password)) && Boolean(member?.passwordHash);
  if (!member || !valid) {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await recordAudit(tx, { kind: 'system', ip: input.ip }, [{ action: 'staff.login_failed', details: { login } }], now);
    });
    return { ok: false, reason: 'invalid' };
  }

  const token = newToken();
  await deps.db.transaction(async (tx) => {
    const establishments = await tx
      .select({ id: staffEstablishments.establishmentId })
      .from(staffEstablishments)
      .where(eq(staffEstablishments.staffId, member.id));
    await tx.insert(staffSessions).values({
      tokenHash: tokenHash(token),
      staffId: member.id,
      establishmentId: establishments.length === 1 ? establishments[0]!.id : null,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + STAFF_SESSION_IDLE_MS),
    });
    await tx.update(staff).set({ lastLoginAt: now }).where(eq(staff.id, member.id));
    await clearFailures(tx, [accountKey]);
    await recordAudit(tx, { kind: 'staff', id: member.id, ip: input.ip }, [{ action: 'staff.login' }], now);
  });
  return { ok: true, sessionToken: token, staffId: member.id };
}
