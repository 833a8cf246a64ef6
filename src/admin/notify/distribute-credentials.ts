// SPEC §4 (Re)notify — guide §5.3: the console's distribution, bulk or single, by sheets or by e-mail, in ONE
// transaction: authorize, notify (state, date, passwords), build the letters, then queue the e-mails or keep
// the batch the PDF is printed from. The request id makes a second submission of the same form a no-op.
import { eq, sql } from 'drizzle-orm';
import { notifyAccounts, type NotifyOutcome } from '../../accounts/notify.ts';
import { recordAudit, type Actor } from '../../audit/record.ts';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { notificationBatches } from '../../db/schema.ts';
import type { NotificationChannel } from '../../domain/letters.ts';
import { renderEmail } from '../../messaging/email/render.ts';
import { letterContent } from '../../messaging/letters/letter-content.ts';
import { enqueueMessages, type OutgoingMessage } from '../../messaging/outbox.ts';
import type { AdministeredEstablishment } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { authorizeAccounts } from '../responsables/authorization.ts';
import { letterContext, loadLetterRecipients } from './letter-contexts.ts';

export const DISTRIBUTION_AUDIT_ACTION = 'console.credentials_distributed';

export interface DistributionRequest {
  establishment: AdministeredEstablishment;
  staffId: number;
  /** In the order of the selection: the order of the pages of the PDF. */
  accountIds: readonly string[];
  channel: NotificationChannel;
  reset: boolean;
  /** The id the confirmation page drew: it becomes the batch id, so the same form is never acted on twice. */
  requestId: string;
  ip?: string;
}

/** What the result page reads back (kept in the audit event of the distribution). */
export interface DistributionDetails {
  batchId: string;
  channel: NotificationChannel;
  reset: boolean;
  notified: number;
  /** By e-mail: the accounts without an address, not notified. */
  withoutEmail: string[];
  /** Reset asked for Non notifié accounts: notified, password not renewed. */
  resetNotApplied: string[];
  /** Ids not visible from the establishment (forged, or merged away meanwhile): never acted upon. */
  refused: number;
}

export type DistributionOutcome =
  | { kind: 'done'; batchId: string; details: DistributionDetails }
  | { kind: 'already_done'; batchId: string }
  | { kind: 'nothing_allowed' };

/** SPEC §4 (Re)notify — guide §5.3: bulk from the list or single from the account page. */
export async function distributeCredentials(deps: AdminDeps, request: DistributionRequest): Promise<DistributionOutcome> {
  const now = deps.clock();
  const actor: Actor = { kind: 'staff', id: request.staffId, ip: request.ip };
  const establishmentId = request.establishment.id;
  return deps.db.transaction(async (tx) => {
    const { allowed, refused } = await authorizeAccounts(tx, establishmentId, request.accountIds);
    if (allowed.length === 0) return { kind: 'nothing_allowed' } as const;
    // The batch row first: a second submission of the same form waits here, then finds it and stops.
    const claimed = await tx
      .insert(notificationBatches)
      .values({ id: request.requestId, staffId: request.staffId, establishmentId, channel: request.channel, entries: [], createdAt: now })
      .onConflictDoNothing({ target: notificationBatches.id })
      .returning({ id: notificationBatches.id });
    if (claimed.length === 0) {
      // The same form submitted twice by its author: show the first result. Anyone else's id: nothing to say.
      const [existing] = await tx.select().from(notificationBatches).where(eq(notificationBatches.id, request.requestId));
      const own = existing && existing.staffId === request.staffId && existing.establishmentId === establishmentId;
      return own ? ({ kind: 'already_done', batchId: request.requestId } as const) : ({ kind: 'nothing_allowed' } as const);
    }

    // notifyAccounts opens its own transaction: inside ours it is a savepoint, so all of it commits together.
    const txDeps = { ...deps, db: tx as unknown as Database };
    const outcome = await notifyAccounts(txDeps, { accountIds: allowed, channel: request.channel, reset: request.reset, establishmentId }, actor);
    const ordered = inSelectionOrder(outcome, allowed);

    if (request.channel === 'email') {
      const recipients = await loadLetterRecipients(tx, establishmentId, ordered.map((n) => n.accountId));
      const settings = { realm: deps.realm, issuer: deps.issuer, establishment: request.establishment };
      const messages: OutgoingMessage[] = ordered.flatMap((n) => {
        const recipient = recipients.get(n.accountId);
        if (!recipient || !n.email) return [];
        const email = renderEmail(letterContent(letterContext(settings, recipient, n.letter, n.provisionalPassword)));
        return [{ channel: 'email', recipient: n.email, subject: email.subject, text: email.text, html: email.html, template: n.letter, accountId: n.accountId }];
      });
      await enqueueMessages(tx, deps.boss, messages);
    }

    const entries = ordered.map((n) => ({ accountId: n.accountId, letter: n.letter }));
    await tx.update(notificationBatches).set({ entries }).where(eq(notificationBatches.id, request.requestId));
    const details: DistributionDetails = {
      batchId: request.requestId,
      channel: request.channel,
      reset: request.reset,
      notified: entries.length,
      withoutEmail: outcome.withoutEmail.map((w) => w.accountId),
      resetNotApplied: outcome.resetNotApplied,
      refused: refused.length,
    };
    await recordAudit(tx, actor, [{ action: DISTRIBUTION_AUDIT_ACTION, establishmentId, details: { ...details } }], now);
    return { kind: 'done', batchId: request.requestId, details } as const;
  });
}

function inSelectionOrder(outcome: NotifyOutcome, selection: readonly string[]) {
  const position = new Map(selection.map((id, i) => [id, i]));
  return [...outcome.notified].sort((a, b) => position.get(a.accountId)! - position.get(b.accountId)!);
}

/** The result of a distribution, for the admin who made it while that establishment is the current one. */
export async function loadDistribution(
  deps: Pick<AdminDeps, 'db'>,
  query: { batchId: string; staffId: number; establishmentId: number },
): Promise<{ createdAt: Date; entries: Array<{ accountId: string; letter: string }>; details: DistributionDetails } | null> {
  const [row] = await queryRows<{ createdAt: string | Date; entries: Array<{ accountId: string; letter: string }>; details: DistributionDetails }>(
    deps.db,
    sql`select b.created_at as "createdAt", b.entries, e.details
      from notification_batches b
      join audit_events e on e.action = ${DISTRIBUTION_AUDIT_ACTION} and e.at = b.created_at
        and e.actor_kind = 'staff' and e.actor_id = b.staff_id::text and e.details->>'batchId' = b.id::text
      where b.id = ${query.batchId} and b.staff_id = ${query.staffId} and b.establishment_id = ${query.establishmentId}
      limit 1`,
  );
  if (!row) return null;
  return { ...row, createdAt: row.createdAt instanceof Date ? row.createdAt : new Date(row.createdAt) };
}
