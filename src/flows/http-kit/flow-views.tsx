// The parts every activation page shares: the frame (stylesheet, scripts), the error summary, the field
// messages, the password pair with its rule, strength bar and eye, and the pages that end a flow early.
import type { ComponentChildren } from 'preact';
import { Layout } from '../../http/views/layout.tsx';
import type { Realm } from '../../realms/realm.ts';
import { FLOW_MESSAGES } from './messages.ts';

export interface FlowPageProps {
  realm: Realm;
  title: string;
  /** Loads the eye and the strength bar (pages with a new password). */
  passwordScripts?: boolean;
  children: ComponentChildren;
}

export function FlowPage({ realm, title, passwordScripts, children }: FlowPageProps) {
  return (
    <Layout realm={realm} title={title}>
      <link rel="stylesheet" href="/assets/flows.css" />
      {children}
      {passwordScripts && <script src="/assets/password-eye.js" defer></script>}
      {passwordScripts && <script src="/assets/password-strength.js" defer></script>}
    </Layout>
  );
}

export interface SummaryItem {
  /** The id of the field the message is about. */
  field: string;
  messages: string[];
}

/** The list of problems at the top of a refused form, each a link to its field; announced at once. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const shown = items.filter((i) => i.messages.length > 0);
  if (shown.length === 0) return null;
  return (
    <div class="notice notice-error error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Le formulaire contient des erreurs</h2>
      <ul>
        {shown.flatMap((item) =>
          item.messages.map((message) => (
            <li>
              <a href={`#${item.field}`}>{message}</a>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

/** The messages under one field; `id` is what its input names in aria-describedby. */
export function FieldMessages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul id={id} class="field-errors">
      {messages.map((m) => (
        <li>{m}</li>
      ))}
    </ul>
  );
}

/** aria-describedby of an input: its hint, and its errors when there are some. */
export function describedBy(field: string, hint: boolean, messages: string[] | undefined): string | undefined {
  const ids = [hint ? `${field}-hint` : null, messages && messages.length > 0 ? `${field}-errors` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export interface PasswordFieldsProps {
  /** describePasswordPolicy(...): the rule, shown before anything is typed. */
  rule: string;
  errors: { password?: string[]; confirmation?: string[] };
}

/** SPEC §3.2 and seeds 003/004: new password and confirmation, rule printed, strength bar and eye added by JS. */
export function PasswordFields({ rule, errors }: PasswordFieldsProps) {
  // A refused form puts the focus on the first field in error.
  const focusConfirmation = !errors.password?.length && Boolean(errors.confirmation?.length);
  return (
    <>
      <div class={errors.password?.length ? 'field field-invalid' : 'field'}>
        <label for="password">Nouveau mot de passe</label>
        <p id="password-hint" class="hint">
          {rule}
        </p>
        <FieldMessages id="password-errors" messages={errors.password} />
        <div class="input-wrap">
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            maxLength={200}
            aria-describedby={describedBy('password', true, errors.password)}
            aria-invalid={errors.password?.length ? 'true' : undefined}
            autofocus={errors.password?.length ? true : undefined}
            data-eye
            data-strength
          />
        </div>
      </div>
      <div class={errors.confirmation?.length ? 'field field-invalid' : 'field'}>
        <label for="confirmation">Confirmation du nouveau mot de passe</label>
        <FieldMessages id="confirmation-errors" messages={errors.confirmation} />
        <div class="input-wrap">
          <input
            id="confirmation"
            name="confirmation"
            type="password"
            autocomplete="new-password"
            required
            maxLength={200}
            aria-describedby={describedBy('confirmation', false, errors.confirmation)}
            aria-invalid={errors.confirmation?.length ? 'true' : undefined}
            autofocus={focusConfirmation || undefined}
            data-eye
          />
        </div>
      </div>
    </>
  );
}

/** A page that tells what happened and offers one way on. */
export function MessagePage({ realm, title, paragraphs, link }: { realm: Realm; title: string; paragraphs: string[]; link: { href: string; text: string } }) {
  return (
    <FlowPage realm={realm} title={title}>
      <h1>{title}</h1>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    </FlowPage>
  );
}

/** Unknown, expired, finished or foreign flow: one page (404 or 410), the way back to the login page. */
export function FlowGonePage({ realm }: { realm: Realm }) {
  return <MessagePage realm={realm} title="Étape expirée" paragraphs={[FLOW_MESSAGES.flowGone]} link={{ href: '/', text: 'Retour à la page de connexion' }} />;
}

/** A form whose CSRF token is not the flow's (403): nothing was changed. */
export function CsrfRefusedPage({ realm, back }: { realm: Realm; back: string }) {
  return <MessagePage realm={realm} title="Formulaire expiré" paragraphs={[FLOW_MESSAGES.csrfRefused]} link={{ href: back, text: 'Recharger la page' }} />;
}

/** A birth date (SPEC §5): a date input that works without JS; the server also reads JJ/MM/AAAA typed as text. */
export function BirthDateField({ label, example, autocomplete, errors }: { label: string; example: string; autocomplete: 'bday' | 'off'; errors: string[] | undefined }) {
  return (
    <div class={errors?.length ? 'field field-invalid' : 'field'}>
      <label for="birthDate">{label}</label>
      <p id="birthDate-hint" class="hint">
        {`Format : JJ/MM/AAAA, par exemple ${example}.`}
      </p>
      <FieldMessages id="birthDate-errors" messages={errors} />
      <input
        id="birthDate"
        name="birthDate"
        type="date"
        autocomplete={autocomplete}
        required
        min="1900-01-01"
        aria-describedby={describedBy('birthDate', true, errors)}
        aria-invalid={errors?.length ? 'true' : undefined}
      />
    </div>
  );
}
