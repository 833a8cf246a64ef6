// The single-use e-mail links (C07, recovery-address check, e-mail change): a random token for the message, only
// its SHA-256 stored; a new link makes the older unused ones of the same purpose expire (only the latest counts).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { emailVerifications } from '../../db/schema.ts';
import { newToken, tokenHash } from '../../shared/tokens.ts';

export type EmailLinkPurpose = (typeof emailVerifications.$inferInsert)['purpose'];

export interface EmailLinkRequest {
  accountId: string;
  email: string;
  purpose: EmailLinkPurpose;
  /** When the link stops working (C07: the realm's months, SPEC §3.1 rev.; an e-mail change: a day). */
  expiresAt: Date;
}

/** SPEC §3.1 C07, §5 e-mail verifications (student recovery address, profile change): inside the use case's transaction. */
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
  const { expiresAt } = request;
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
