// The outbox worker against a real SMTP peer (smtp-server on 127.0.0.1): both parts arrive, a refusing peer
// is retried until it accepts, a job delivered twice sends once, and the last try leaves the row failed.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { outbox } from '../db/schema.ts';
import { renderEmail } from '../messaging/email/render.ts';
import { annexExample } from '../messaging/letters/annex-example.ts';
import { letterContent } from '../messaging/letters/letter-content.ts';
import { enqueueMessages, OUTBOX_QUEUE, type OutgoingMessage } from '../messaging/outbox.ts';
import { eventually, outboxTestKit, type OutboxTestKit } from '../messaging/outbox-test-kit.ts';
import { smtpTransport } from '../messaging/transports.ts';
import { describeFailure, startOutboxWorker } from './send-outbox.ts';

const FROM = 'Administrateur des services en ligne <no-reply@guichet.test>';

describe('send-outbox worker over SMTP', () => {
  let kit: OutboxTestKit;
  let server: SMTPServer;
  let received: ParsedMail[] = [];
  let refusing = false;
  let logs: Array<{ msg: string; extra?: object }> = [];
  const transport = () => smtpTransport({ url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, from: FROM });

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refusing) return callback(Object.assign(new Error('Boîte de réception temporairement indisponible'), { responseCode: 451 }));
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              received.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    kit = await outboxTestKit();
    const smtp = transport();
    await startOutboxWorker(
      kit.boss,
      { db: kit.database.db, transport: smtp, log: (msg, extra) => logs.push({ msg, extra }) },
      { queue: { retryLimit: 5, retryDelay: 1, retryBackoff: false }, pollingIntervalSeconds: 0.5 },
    );
  });
  after(async () => {
    await kit?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });
  beforeEach(() => {
    received = [];
    refusing = false;
    logs = [];
  });

  const c02 = (recipient: string): OutgoingMessage => {
    const email = renderEmail(letterContent(annexExample('C02')));
    return { channel: 'email', recipient, subject: email.subject, text: email.text, html: email.html, template: 'C02' };
  };
  const enqueue = (messages: OutgoingMessage[]) => kit.database.db.transaction((tx) => enqueueMessages(tx, kit.boss, messages));
  const row = async (id: string) => (await kit.database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

  test('the e-mail arrives with both parts, the right subject and a Message-ID made from the outbox id', async () => {
    const [id] = await enqueue([c02('jean.dupont@example.org')]);
    const sent = await eventually(async () => {
      const r = await row(id!);
      return r.status === 'sent' && r;
    });
    assert.equal(sent.attempts, 1);
    assert.ok(sent.sentAt instanceof Date);
    assert.equal(received.length, 1);
    const mail = received[0]!;
    assert.equal(mail.subject, 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant');
    assert.equal(mail.messageId, `<${id}@guichet.test>`);
    assert.equal(mail.from?.text, '"Administrateur des services en ligne" <no-reply@guichet.test>');
    assert.equal((mail.to as { text: string }).text, 'jean.dupont@example.org');
    for (const part of [mail.text!, mail.html as string]) {
      assert.ok(part.includes('celine.dupont114'));
      assert.ok(part.includes('BUNZ57DM'));
    }
    assert.ok(logs.some((l) => l.msg === 'outbox message sent'));
    assert.ok(!JSON.stringify(logs).includes('BUNZ57DM'));
  });

  test('a refusing peer: the tries are counted and retried, and the message goes once the peer accepts', async () => {
    refusing = true;
    const [id] = await enqueue([c02('refus@example.org')]);
    const failedTwice = await eventually(async () => {
      const r = await row(id!);
      return r.attempts >= 2 && r;
    });
    assert.equal(failedTwice.status, 'pending');
    assert.match(failedTwice.lastError!, /451/);
    assert.ok(!failedTwice.lastError!.includes('BUNZ57DM'));
    refusing = false;
    const sent = await eventually(async () => {
      const r = await row(id!);
      return r.status === 'sent' && r;
    });
    assert.ok(sent.attempts >= 3);
    assert.equal(sent.lastError, null);
    assert.equal(received.length, 1);
    assert.equal(received[0]!.messageId, `<${id}@guichet.test>`);
  });

  test('a job delivered twice sends once', async () => {
    const [id] = await enqueue([c02('double@example.org')]);
    await eventually(async () => (await row(id!)).status === 'sent');
    await kit.boss.send(OUTBOX_QUEUE, { outboxId: id });
    await eventually(async () => {
      const jobs = await kit.boss.findJobs(OUTBOX_QUEUE, { data: { outboxId: id } });
      return jobs.length === 2 && jobs.every((j) => j.state === 'completed');
    });
    assert.equal(received.length, 1);
    assert.equal((await row(id!)).attempts, 1);
  });

  test('a message that never goes is failed after the last retry, with the tries counted', async () => {
    refusing = true;
    const sms: OutgoingMessage = { channel: 'sms', recipient: '+33612345678', subject: null, text: 'Code 123456', html: null, template: 'sms-code' };
    const [emailId, smsId] = await enqueue([c02('jamais@example.org'), sms]);
    for (const id of [emailId!, smsId!]) {
      const failed = await eventually(async () => {
        const r = await row(id);
        return r.status === 'failed' && r;
      }, 30_000);
      assert.equal(failed.attempts, 6); // the first try and 5 retries
    }
    assert.match((await row(smsId!)).lastError!, /passerelle SMS/);
    assert.ok(!(await row(smsId!)).lastError!.includes('123456'));
    assert.ok(logs.some((l) => l.msg === 'outbox message failed for good'));
    assert.equal(received.length, 0);
  });
});

test('describeFailure keeps the code and the reason, and masks what looks like a credential of the message', () => {
  const error = Object.assign(new Error('Message failed: 550 rejected BUNZ57DM for celine.dupont114\nsecond line'), {
    code: 'EMESSAGE',
    responseCode: 550,
  });
  const described = describeFailure(error, { subject: null, text: 'Identifiant : celine.dupont114 Mot de passe : BUNZ57DM', html: null });
  assert.equal(described, 'EMESSAGE 550 : Message failed: 550 rejected ***** for *****');
});
