// The single-use e-mail link of C07 and of the recovery-address check: a random token for the message, only
// its SHA-256 stored; a new link makes the older unused ones of the same purpose expire (only the latest counts).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { emailVerifications } from '../../db/schema.ts';
import { provisionalExpiresAt } from '../../domain/provisional-password.ts';
import { newToken, tokenHash } from '../../shared/tokens.ts';

export type EmailLinkPurpose = (typeof emailVerifications.$inferInsert)['purpose'];

export interface EmailLinkRequest {
  accountId: string;
  email: string;
  purpose: EmailLinkPurpose;
  /** SPEC §3.1 rev.: a link expires this many months after it is sent (the realm's setting). */
  validityMonths: number;
}

/** SPEC §3.1 C07 (and SPEC §5 rev. student e-mail verification): call inside the use case's transaction. */
export async function issueEmailLink(tx: Executor, request: EmailLinkRequest, now: Date): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .update(emailVerifications)
    .set({ expiresAt: now })
    .where(
      and(
        eq(emailVerifications.accountId, request.accountId),
        eq(emailVerifications.purpose, request.purpose),
        isNull(emailVerifications.usedAt),
        gt(emailVerifications.expiresAt, now),
      ),
    );
  const token = newToken();
  const expiresAt = provisionalExpiresAt(now, request.validityMonths);
  await tx.insert(emailVerifications).values({
    tokenHash: tokenHash(token),
    accountId: request.accountId,
    email: request.email,
    purpose: request.purpose,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The address of a link in an e-mail; `/activation/<token>` serves every purpose. */
export function emailLinkUrl(issuer: string, token: string): string {
  return `${issuer.replace(/\/+$/, '')}/activation/${token}`;
}
