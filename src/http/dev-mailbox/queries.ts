// The dev mailbox reads the outbox itself: what would have been sent, newest first.
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { outbox } from '../../db/schema.ts';
import type { OutboxRow } from '../../messaging/outbox.ts';

export type MailboxSummary = Pick<OutboxRow, 'id' | 'createdAt' | 'channel' | 'recipient' | 'subject' | 'template' | 'status'>;

export async function latestMessages(db: Executor, limit = 200): Promise<MailboxSummary[]> {
  return db
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      channel: outbox.channel,
      recipient: outbox.recipient,
      subject: outbox.subject,
      template: outbox.template,
      status: outbox.status,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}

export async function messageById(db: Executor, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}
