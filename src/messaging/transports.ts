// DESIGN.md: e-mail over SMTP with nodemailer; without SMTP_URL, the dev mailbox (the outbox rows themselves,
// shown at /_dev/mailbox). The worker picks one; a use case never talks to a transport.
import nodemailer from 'nodemailer';
import type { OutboxRow } from './outbox.ts';

export interface MessageTransport {
  kind: 'smtp' | 'dev-mailbox';
  /** Resolves once the peer accepted the message; rejects with an error that says why, never the message. */
  send(message: OutboxRow): Promise<void>;
  close?(): void;
}

export interface SmtpTransportOptions {
  /** `smtp://user:password@host:587` or `smtps://…` (settings.smtpUrl). */
  url: string;
  /** `Administrateur des services en ligne <no-reply@example.org>` (settings.smtpFrom). */
  from: string;
}

/** The SMTP transport cannot send SMS: a later SMS gateway will; until then such rows stay visibly failed. */
export class SmsNotSupportedError extends Error {
  constructor() {
    super("Aucune passerelle SMS n'est configurée : ce SMS ne peut pas être envoyé par SMTP.");
    this.name = 'SmsNotSupportedError';
  }
}

/** Connections a pooled transport keeps open at most (nodemailer's default is 5; the worker sends one at a time). */
export const SMTP_POOL_CONNECTIONS = 3;

/**
 * SPEC §4 e-mail letters: sends through SMTP; the Message-ID comes from the outbox id, so a resend after a crash is the same message.
 * Connections are pooled and reused (one connection per message made 2,000 letters take 5 minutes: bench/README.md),
 * unless SMTP_URL says otherwise (`?pool=false`, or its own `maxConnections`).
 */
export function smtpTransport(options: SmtpTransportOptions): MessageTransport {
  const transporter = nodemailer.createTransport(pooledSmtpUrl(options.url), { from: options.from });
  const domain = messageIdDomain(options.from);
  return {
    kind: 'smtp',
    async send(message) {
      if (message.channel !== 'email') throw new SmsNotSupportedError();
      await transporter.sendMail({
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: `<${message.id}@${domain}>`,
        headers: { 'X-Guichet-Template': message.template },
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * The SMTP URL with nodemailer's pool turned on (`pool=true&maxConnections=3`) when it does not set `pool` itself.
 * Only the query string is appended to: the rest of the URL (user, password) is passed on byte for byte.
 */
export function pooledSmtpUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const queryAt = base.indexOf('?');
  const query = new URLSearchParams(queryAt < 0 ? '' : base.slice(queryAt + 1));
  if (query.has('pool')) return url;
  const added = ['pool=true', ...(query.has('maxConnections') ? [] : [`maxConnections=${SMTP_POOL_CONNECTIONS}`])].join('&');
  const separator = queryAt < 0 ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${added}${hash}`;
}

/** Without SMTP_URL nothing leaves the machine: the outbox row is the mailbox, shown at /_dev/mailbox. */
export function devMailboxTransport(): MessageTransport {
  return { kind: 'dev-mailbox', send: async () => {} };
}

/** The domain of the sender's address, so Message-IDs look like the sender's own (RFC 5322 §3.6.4). */
export function messageIdDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim().toLowerCase();
  return domain && /^[a-z0-9.-]+$/.test(domain) ? domain : 'guichet.invalid';
}
