// A real SMTP peer for tests: smtp-server on 127.0.0.1 (a port of its own), every message parsed with mailparser
// and kept with its envelope, and a bounded wait for what a test expects to arrive.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  /** RCPT TO addresses, lower case. */
  to: string[];
  mail: ParsedMail;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  /** Polls until `check` returns a truthy value, or throws `what` after `timeoutMs`. */
  waitFor<T>(what: string, check: (received: readonly ReceivedMail[]) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    async waitFor(what, check, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check(received);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`SMTP peer: ${what} — not within ${timeoutMs} ms (${received.length} message(s) received)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
