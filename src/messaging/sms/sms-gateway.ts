// DESIGN.md SMS: "a provider interface: a generic HTTP gateway and the dev mailbox". The outbox worker is the
// only caller (through routingTransport); a use case writes an outbox row and never talks to a gateway.
import { normalizeMobile } from './phone-number.ts';

/** One SMS provider. Resolves once the provider accepted the message; rejects with a reason, never the text. */
export interface SmsGateway {
  send(to: string, text: string): Promise<void>;
}

export interface HttpSmsGatewayOptions {
  /** settings.smsGatewayUrl: the endpoint that takes `{"to", "text"}` as JSON. */
  url: string;
  /** settings.smsGatewayToken: sent as `Authorization: Bearer …`, never written in an error. */
  token?: string;
  timeoutMs?: number;
  /** Tests may pass their own; the global fetch of Node otherwise. */
  fetch?: typeof globalThis.fetch;
}

export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

/** Why an SMS was not sent, in one French sentence: no token, no URL, no message text in it. */
export class SmsGatewayError extends Error {
  constructor(
    message: string,
    /** The gateway's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

/** The generic HTTP gateway: POST `{"to": "+33…", "text": "…"}` with a bearer token; any 2xx is a success. */
export function httpSmsGateway(options: HttpSmsGatewayOptions): SmsGateway {
  const timeoutMs = options.timeoutMs ?? SMS_GATEWAY_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async send(to, text) {
      const recipient = normalizeMobile(to);
      if (!recipient) throw new SmsGatewayError("Le numéro de téléphone du destinataire n'est pas valide : le SMS n'est pas envoyé.");
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to: recipient, text }),
          redirect: 'error', // a redirect would carry the bearer token elsewhere
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw transportFailure(error, timeoutMs);
      }
      // The body is never read into the error: a gateway may echo the message, and so its code.
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw new SmsGatewayError(`La passerelle SMS a refusé le message (HTTP ${response.status}).`, response.status);
    },
  };
}

function transportFailure(error: unknown, timeoutMs: number): SmsGatewayError {
  const e = error as { name?: string; cause?: { code?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new SmsGatewayError(`La passerelle SMS n'a pas répondu dans les ${Math.round(timeoutMs / 1000)} s.`);
  }
  const code = typeof e?.cause?.code === 'string' ? ` (${e.cause.code})` : '';
  return new SmsGatewayError(`La passerelle SMS est injoignable${code}.`);
}
