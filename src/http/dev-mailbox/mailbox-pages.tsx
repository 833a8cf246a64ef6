// The dev mailbox's two pages: the list of messages and one message. Everything is escaped by Preact; the
// HTML part is shown in a sandboxed frame (no script, no same-origin) and its links are listed as real links.
import type { Realm } from '../../realms/realm.ts';
import type { OutboxRow } from '../../messaging/outbox.ts';
import { Layout } from '../views/layout.tsx';
import type { MailboxSummary } from './queries.ts';

export const MAILBOX_BANNER = "Boîte aux lettres de développement : aucun serveur SMTP n'est configuré ; rien n'est réellement envoyé.";

const CHANNELS: Record<OutboxRow['channel'], string> = { email: 'Courriel', sms: 'SMS' };
const STATUSES: Record<OutboxRow['status'], string> = { pending: 'En attente', sent: 'Envoyé', failed: 'Échec' };

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** SPEC §4 dates: JJ-MM-AAAA, here with the time, in the schools' time zone. */
export function mailboxDate(date: Date): string {
  const parts = Object.fromEntries(dateFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function Banner() {
  return (
    <>
      <link rel="stylesheet" href="/_dev/mailbox.css" />
      <p class="notice">{MAILBOX_BANNER}</p>
    </>
  );
}

export function MailboxListPage({ realm, messages }: { realm: Realm; messages: MailboxSummary[] }) {
  return (
    <Layout realm={realm} title="Boîte aux lettres de développement">
      <h1>Boîte aux lettres de développement</h1>
      <Banner />
      {messages.length === 0 ? (
        <p>Aucun message pour l'instant.</p>
      ) : (
        <table class="mailbox-table">
          <caption>Messages, du plus récent au plus ancien ({messages.length})</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Canal</th>
              <th scope="col">Destinataire</th>
              <th scope="col">Objet</th>
              <th scope="col">Modèle</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{mailboxDate(m.createdAt)}</td>
                <td>{CHANNELS[m.channel]}</td>
                <td>{m.recipient}</td>
                <td>
                  <a href={`/_dev/mailbox/${m.id}`}>{m.subject || `(${m.template})`}</a>
                </td>
                <td>{m.template}</td>
                <td>{STATUSES[m.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function MailboxMessagePage({ realm, message, links }: { realm: Realm; message: OutboxRow; links: string[] }) {
  const title = message.subject || `Message ${message.template}`;
  return (
    <Layout realm={realm} title={`${title} – Boîte aux lettres de développement`}>
      <p>
        <a href="/_dev/mailbox">Retour à la boîte aux lettres</a>
      </p>
      <h1>{title}</h1>
      <Banner />
      <dl class="mailbox-meta">
        <dt>Date</dt>
        <dd>{mailboxDate(message.createdAt)}</dd>
        <dt>Canal</dt>
        <dd>{CHANNELS[message.channel]}</dd>
        <dt>Destinataire</dt>
        <dd>{message.recipient}</dd>
        <dt>Modèle</dt>
        <dd>{message.template}</dd>
        <dt>État</dt>
        <dd>
          {STATUSES[message.status]}
          {message.sentAt ? ` le ${mailboxDate(message.sentAt)}` : ''} ({message.attempts} tentative{message.attempts > 1 ? 's' : ''})
        </dd>
        {message.lastError && (
          <>
            <dt>Dernière erreur</dt>
            <dd>{message.lastError}</dd>
          </>
        )}
      </dl>
      <h2>Liens du message</h2>
      {links.length === 0 ? (
        <p>Ce message ne contient aucun lien.</p>
      ) : (
        <ul>
          {links.map((url) => (
            <li key={url}>
              <a href={url}>{url}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>Version texte</h2>
      <pre class="mailbox-text">{message.text}</pre>
      {message.html && (
        <>
          <h2>Version HTML</h2>
          {/* sandbox with no token: no script, no form, no same-origin access, no navigation of this page. */}
          <iframe class="mailbox-html" title={`Version HTML du message « ${title} »`} sandbox="" srcdoc={message.html} />
        </>
      )}
    </Layout>
  );
}
