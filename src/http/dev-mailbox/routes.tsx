// DESIGN.md: "in the embedded default, a built-in dev mailbox page shows what was sent". Registered by the
// composition root only when SMTP_URL is unset, where the outbox rows are the only copy of the messages.
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Database } from '../../db/client.ts';
import type { Realm } from '../../realms/realm.ts';
import { sendPage } from '../render.tsx';
import { MailboxListPage, MailboxMessagePage } from './mailbox-pages.tsx';
import { messageLinks } from './message-links.ts';
import { latestMessages, messageById } from './queries.ts';

export interface DevMailboxDeps {
  db: Database;
  realm: Realm;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STYLESHEET = readFileSync(new URL('./mailbox.css', import.meta.url), 'utf8');

/** DESIGN.md e-mail (dev mailbox): GET /_dev/mailbox and /_dev/mailbox/:id; call before the server is ready. */
export async function registerDevMailbox(root: FastifyInstance, deps: DevMailboxDeps): Promise<void> {
  await root.register(async (app) => {
    // The mailbox shows provisional passwords and activation links: only to someone on this machine, even
    // where a deployment forgot SMTP_URL.
    app.addHook('onRequest', async (request, reply) => {
      if (!isLoopback(request.ip)) return reply.callNotFound();
    });
    await mailboxRoutes(app, deps);
  });
}

export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

async function mailboxRoutes(app: FastifyInstance, deps: DevMailboxDeps): Promise<void> {
  app.get('/_dev/mailbox.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(STYLESHEET));

  app.get('/_dev/mailbox', async (_request, reply) => {
    const messages = await latestMessages(deps.db);
    return sendPage(reply.header('cache-control', 'no-store'), <MailboxListPage realm={deps.realm} messages={messages} />);
  });

  app.get<{ Params: { id: string } }>('/_dev/mailbox/:id', async (request, reply) => {
    const message = UUID.test(request.params.id) ? await messageById(deps.db, request.params.id) : undefined;
    if (!message) return reply.callNotFound();
    const links = messageLinks(message.text, message.html);
    return sendPage(reply.header('cache-control', 'no-store'), <MailboxMessagePage realm={deps.realm} message={message} links={links} />);
  });
}
