// DESIGN.md courier: the worker that sends the outbox. A row is sent at most once per delivery (the row is
// locked and its status checked before sending), retried with backoff, and left `failed` for an operator to
// see once pg-boss gives up. Nothing of the message body ever reaches a log line or `lastError`.
import { eq } from 'drizzle-orm';
import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import { createOutboxQueue, OUTBOX_QUEUE, type OutboxJob, type OutboxQueueOptions, type OutboxRow } from '../messaging/outbox.ts';
import type { MessageTransport } from '../messaging/transports.ts';
import { systemClock, type Clock } from '../shared/clock.ts';

export interface OutboxWorkerDeps {
  db: Database;
  transport: MessageTransport;
  log?: (msg: string, extra?: object) => void;
  clock?: Clock;
}

export interface OutboxWorkerOptions {
  /** Retry settings of the queue (tests shorten them); OUTBOX_QUEUE_OPTIONS by default. */
  queue?: OutboxQueueOptions;
  /** pg-boss polling interval, seconds (≥ 0.5). */
  pollingIntervalSeconds?: number;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'in-progress-elsewhere' | 'missing';

export interface Attempt {
  /** pg-boss's retry count of the job: 0 on the first try. */
  retryCount: number;
  retryLimit: number;
}

/** SPEC §4 e-mail letters and C07 (DESIGN.md courier): creates the queue and works it until boss.stop(). */
export async function startOutboxWorker(boss: PgBoss, deps: OutboxWorkerDeps, options: OutboxWorkerOptions = {}): Promise<void> {
  await createOutboxQueue(boss, options.queue);
  await boss.work(
    OUTBOX_QUEUE,
    {
      includeMetadata: true,
      perJobResults: true,
      batchSize: 10,
      burstWhenBatchFull: true, // a bulk notification drains without waiting a polling interval per batch
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    },
    async (jobs: JobWithMetadata<OutboxJob>[]) => {
      const results: JobResult[] = [];
      // One at a time: an SMTP server is better served by a steady stream than by a burst of connections.
      for (const job of jobs) {
        try {
          const outcome = await deliverOutboxMessage(deps, job.data.outboxId, job);
          results.push({ id: job.id, status: 'completed', output: { outcome } });
        } catch (error) {
          const described = error instanceof DeliveryError ? error.message : describeFailure(error, { text: '', html: null, subject: null });
          if (!(error instanceof DeliveryError)) deps.log?.('outbox job error', { outboxId: job.data.outboxId, error: described });
          results.push({ id: job.id, status: 'failed', output: { error: described } });
        }
      }
      return results;
    },
  );
}

/** Thrown after a failed try has been recorded on the row, so that pg-boss retries the job. */
export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * Sends one outbox row, at most once: the row is locked while it is sent, and a row already `sent` is left
 * alone (a job delivered twice never sends twice). A failure counts the try, keeps a safe description of
 * the error, marks the row `failed` on the job's last try, and throws DeliveryError.
 */
export async function deliverOutboxMessage(deps: OutboxWorkerDeps, outboxId: string, attempt: Attempt): Promise<DeliveryOutcome> {
  const clock = deps.clock ?? systemClock;
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(outbox).where(eq(outbox.id, outboxId)).for('update', { skipLocked: true });
    if (!row) {
      const [exists] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.id, outboxId));
      return { outcome: exists ? ('in-progress-elsewhere' as const) : ('missing' as const) };
    }
    if (row.status === 'sent') return { outcome: 'already-sent' as const };
    try {
      await deps.transport.send(row);
    } catch (error) {
      const lastTry = attempt.retryCount >= attempt.retryLimit;
      const lastError = describeFailure(error, row);
      await tx
        .update(outbox)
        .set({ attempts: row.attempts + 1, lastError, status: lastTry ? 'failed' : 'pending' })
        .where(eq(outbox.id, row.id));
      return { outcome: 'failed' as const, lastError, lastTry, row };
    }
    await tx.update(outbox).set({ status: 'sent', sentAt: clock(), attempts: row.attempts + 1, lastError: null }).where(eq(outbox.id, row.id));
    return { outcome: 'sent' as const, row };
  });
  if (result.outcome === 'failed') {
    // The failed try is committed before the throw, so the attempt count and the error survive the retry.
    deps.log?.(result.lastTry ? 'outbox message failed for good' : 'outbox message not sent, will retry', {
      outboxId,
      template: result.row.template,
      channel: result.row.channel,
      attempt: attempt.retryCount + 1,
      error: result.lastError,
    });
    throw new DeliveryError(result.lastError);
  }
  if (result.outcome === 'sent') {
    deps.log?.('outbox message sent', { outboxId, template: result.row.template, channel: result.row.channel, transport: deps.transport.kind });
  } else if (result.outcome === 'missing') {
    deps.log?.('outbox message not found', { outboxId });
  }
  return result.outcome;
}

/**
 * What went wrong, for `lastError` and the logs: the error's code and first line, at most 300 characters,
 * with anything that looks like a credential or a token of the message (a word with letters and digits)
 * masked, in case the peer echoed part of the message back.
 */
export function describeFailure(error: unknown, row: Pick<OutboxRow, 'text' | 'html' | 'subject'>): string {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = [e.code, e.responseCode].filter((x) => typeof x === 'string' || typeof x === 'number').join(' ');
  const message = (typeof e.message === 'string' ? e.message : String(error)).split(/\r?\n/)[0] ?? '';
  let described = (code ? `${code} : ${message}` : message).slice(0, 300);
  const secrets = new Set(
    `${row.subject ?? ''} ${row.text} ${row.html ?? ''}`
      .split(/[\s<>"'=()]+/)
      .filter((w) => w.length >= 6 && /\d/.test(w) && /\p{L}/u.test(w)),
  );
  for (const secret of secrets) described = described.split(secret).join('*****');
  return described;
}
