// The HTTP gateway against a real HTTP peer on 127.0.0.1: the request it makes, the bearer, the refusals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSmsGateway, SmsGatewayError } from './sms-gateway.ts';
import { routingTransport } from './routing-transport.ts';
import type { OutboxRow } from '../outbox.ts';
import type { MessageTransport } from '../transports.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('HTTP SMS gateway', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let answer: { status: number; delayMs?: number } = { status: 200 };
  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
        setTimeout(() => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body })), answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('POSTs {to, text} as JSON with the bearer token, the number in E.164', async () => {
    received.length = 0;
    answer = { status: 202 };
    await httpSmsGateway({ url, token: 'jeton-secret-42' }).send('06 39 98 00 04', 'EduConnect : votre code est 123456.');
    assert.equal(received.length, 1);
    const [request] = received;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url, '/sms/send');
    assert.equal(request!.headers.authorization, 'Bearer jeton-secret-42');
    assert.match(request!.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(request!.body), { to: '+33639980004', text: 'EduConnect : votre code est 123456.' });
  });

  test('an error status surfaces with the status, never the token nor the text', async () => {
    answer = { status: 503 };
    const error = await httpSmsGateway({ url, token: 'jeton-secret-42' })
      .send('+33639980004', 'code 654321')
      .then(() => null, (e: unknown) => e);
    assert.ok(error instanceof SmsGatewayError);
    assert.equal(error.status, 503);
    assert.match(error.message, /HTTP 503/);
    assert.doesNotMatch(error.message, /jeton-secret-42|654321/);
  });

  test('a gateway that does not answer in time, and one that is not there', async () => {
    answer = { status: 200, delayMs: 500 };
    const slow = await httpSmsGateway({ url, token: 't', timeoutMs: 100 }).send('0639980004', 'x').then(() => null, (e: unknown) => e);
    assert.ok(slow instanceof SmsGatewayError);
    assert.match(slow.message, /n'a pas répondu/);
    answer = { status: 200 };
    const closed = await httpSmsGateway({ url: 'http://127.0.0.1:9/', token: 'jeton-secret-42' }).send('0639980004', 'x').then(() => null, (e: unknown) => e);
    assert.ok(closed instanceof SmsGatewayError);
    assert.match(closed.message, /injoignable/);
    assert.doesNotMatch(closed.message, /jeton-secret-42/);
  });

  test('an invalid recipient is refused before any request', async () => {
    received.length = 0;
    await assert.rejects(httpSmsGateway({ url, token: 't' }).send('12', 'x'), SmsGatewayError);
    assert.equal(received.length, 0);
  });

  test('the routing transport sends e-mails to their transport and SMS to the gateway (or keeps them)', async () => {
    received.length = 0;
    answer = { status: 200 };
    const emails: string[] = [];
    const email: MessageTransport = { kind: 'smtp', send: async (m) => void emails.push(m.recipient) };
    const row = (channel: 'email' | 'sms', recipient: string) => ({ id: 'x', channel, recipient, text: 'bonjour', subject: null, html: null, template: 't' }) as OutboxRow;
    const routed = routingTransport({ email, sms: httpSmsGateway({ url, token: 't' }) });
    await routed.send(row('email', 'a@example.org'));
    await routed.send(row('sms', '+33639980004'));
    assert.deepEqual(emails, ['a@example.org']);
    assert.equal(received.length, 1);
    assert.equal(JSON.parse(received[0]!.body).to, '+33639980004');
    const dev = routingTransport({ email, sms: 'dev-mailbox' });
    await dev.send(row('sms', '+33639980004'));
    assert.equal(received.length, 1);
    assert.equal(dev.kind, 'smtp');
  });
});
