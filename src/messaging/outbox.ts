// DESIGN.md (courier): a message is written in the transaction of its use case, with the job that sends it,
// so a rolled-back use case sends nothing and a committed one is sent even after a crash.
import { sql } from 'drizzle-orm';
import { fromDrizzle, type DrizzleTransactionLike, type PgBoss, type QueueOptions } from 'pg-boss';
import type { Executor } from '../db/client.ts';
import { outbox } from '../db/schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  /** An e-mail address or a mobile number. */
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  /** C01–C07 or another template id, for the dev mailbox and the audit of what was sent. */
  template: string;
  accountId?: string;
}

/** The job that sends one outbox row; its data names the row, never the message. */
export interface OutboxJob {
  outboxId: string;
}

export const OUTBOX_QUEUE = 'send-outbox';

/**
 * Retries with exponential backoff: about 30 s, 1 min, 2 min, 4 min, 8 min, so an SMTP server that is away
 * for a quarter of an hour loses nothing; after the 5th retry the row is `failed` for an operator to see.
 */
export const OUTBOX_QUEUE_OPTIONS = { retryLimit: 5, retryBackoff: true, retryDelay: 30, retryDelayMax: 1800 } as const satisfies QueueOptions;

export type OutboxQueueOptions = Pick<QueueOptions, 'retryLimit' | 'retryBackoff' | 'retryDelay' | 'retryDelayMax' | 'expireInSeconds'>;

// pg-boss looks a queue up on its own connection when it has not cached it yet; on PGlite (one connection)
// that lookup waits for the caller's transaction, which waits for it: a silent deadlock. Creating the queue
// caches it, so enqueueMessages refuses, with a sentence, a boss that has not done it.
const readyBosses = new WeakSet<PgBoss>();

export class OutboxQueueMissingError extends Error {
  constructor() {
    super(`La file ${OUTBOX_QUEUE} n'est pas prête dans ce processus : appelez startOutboxWorker (ou createOutboxQueue) au démarrage.`);
    this.name = 'OutboxQueueMissingError';
  }
}

/** Creates the queue (or brings its retry settings up to date); every process that enqueues calls it first. */
export async function createOutboxQueue(boss: PgBoss, options: OutboxQueueOptions = OUTBOX_QUEUE_OPTIONS): Promise<void> {
  await boss.createQueue(OUTBOX_QUEUE, options);
  await boss.updateQueue(OUTBOX_QUEUE, options);
  readyBosses.add(boss);
}

// A multi-row insert stays well under PostgreSQL's 65,535 bind parameters (8 per row).
const CHUNK = 1000;

/**
 * SPEC §4 (Re)notify by e-mail, Renvoyer un courriel d'activation, C07: writes the messages and their jobs in
 * the caller's transaction. Pass a transaction (`db.transaction(async (tx) => …)`), not the database: only
 * then do the rows and the jobs commit or roll back together. Returns the outbox ids, in order.
 */
export async function enqueueMessages(tx: Executor, boss: PgBoss, messages: OutgoingMessage[]): Promise<string[]> {
  if (messages.length === 0) return [];
  if (!readyBosses.has(boss)) throw new OutboxQueueMissingError();
  const ids: string[] = [];
  for (let i = 0; i < messages.length; i += CHUNK) {
    const rows = await tx
      .insert(outbox)
      .values(
        messages.slice(i, i + CHUNK).map((m) => ({
          channel: m.channel,
          recipient: m.recipient,
          subject: m.subject,
          text: m.text,
          html: m.html,
          template: m.template,
          accountId: m.accountId ?? null,
        })),
      )
      .returning({ id: outbox.id });
    ids.push(...rows.map((r) => r.id));
  }
  // One statement for all the jobs, through the caller's transaction. The job id is the outbox id: a row
  // is never queued twice by mistake, and a job is easy to find from its row.
  await boss.insert(
    OUTBOX_QUEUE,
    ids.map((id) => ({ id, data: { outboxId: id } satisfies OutboxJob })),
    { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) },
  );
  return ids;
}
