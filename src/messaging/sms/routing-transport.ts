// DESIGN.md courier: one transport for the outbox worker — e-mails to their transport (SMTP or the dev mailbox),
// SMS to the gateway, or left in the dev mailbox (the outbox row is the copy shown at /_dev/mailbox).
import type { MessageTransport } from '../transports.ts';
import type { SmsGateway } from './sms-gateway.ts';

export interface RoutingTransportOptions {
  email: MessageTransport;
  /** An SMS provider, or 'dev-mailbox' when SMS_GATEWAY_URL is unset. */
  sms: SmsGateway | 'dev-mailbox';
}

/** SPEC §5 SMS codes and §4 e-mail letters through one worker: routes each outbox row by its channel. */
export function routingTransport(options: RoutingTransportOptions): MessageTransport {
  return {
    kind: options.email.kind,
    async send(message) {
      if (message.channel !== 'sms') return options.email.send(message);
      if (options.sms === 'dev-mailbox') return;
      await options.sms.send(message.recipient, message.text);
    },
    close: () => options.email.close?.(),
  };
}
