// For the dev mailbox tests: the mailbox and an outbox worker on a test instance, unless the composition
// root already wired them (it does when SMTP_URL is unset).
import { registerDevMailbox } from './routes.tsx';
import { startOutboxWorker } from '../../jobs/send-outbox.ts';
import { OUTBOX_QUEUE } from '../../messaging/outbox.ts';
import { devMailboxTransport } from '../../messaging/transports.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';

export async function withDevMailbox(g: TestInstance): Promise<void> {
  if (!g.app.hasRoute({ method: 'GET', url: '/_dev/mailbox' })) await registerDevMailbox(g.app, { db: g.database.db, realm: g.deps.realm });
  if (!g.boss.getWipData().some((w) => w.name === OUTBOX_QUEUE)) {
    await startOutboxWorker(g.boss, { db: g.database.db, transport: devMailboxTransport() }, { pollingIntervalSeconds: 0.5 });
  }
}
