// Form parts of the SMS registration and recovery pages: a labelled field whose hint and error are tied to the
// input (aria-describedby), the first field in error focused on load (autofocus: works without JavaScript),
// and the new-password pair with its rule, eye and strength bar (same markup as the activation pages).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../http/views/layout.tsx';
import type { Realm } from '../../../realms/realm.ts';
import { describedBy, ErrorSummary, FieldMessages, type PasswordFieldsProps, type SummaryItem } from '../../http-kit/flow-views.tsx';

export { ErrorSummary, type SummaryItem };

const ASSETS = new URL('../../../http/assets/', import.meta.url);
// The strength bar and the flows' stylesheet come with the activation pages; until they exist, nothing asks for them.
const STRENGTH_SCRIPT = existsSync(fileURLToPath(new URL('password-strength.js', ASSETS)));
const FLOWS_STYLESHEET = existsSync(fileURLToPath(new URL('flows.css', ASSETS)));

export interface SelfServicePageProps {
  realm: Realm;
  title: string;
  /** "Erreur : " is put before the title when the page shows a refused form. */
  hasErrors?: boolean;
  passwordScripts?: boolean;
  children: ComponentChildren;
}

export function SelfServicePage({ realm, title, hasErrors, passwordScripts, children }: SelfServicePageProps) {
  return (
    <Layout realm={realm} title={hasErrors ? `Erreur : ${title}` : title}>
      {FLOWS_STYLESHEET && <link rel="stylesheet" href="/assets/flows.css" />}
      {children}
      {passwordScripts && <script src="/assets/password-eye.js" defer></script>}
      {passwordScripts && STRENGTH_SCRIPT && <script src="/assets/password-strength.js" defer></script>}
    </Layout>
  );
}

export type Notice = { kind: 'success' | 'error' | 'info'; text: string };

export function NoticeBox({ notice }: { notice: Notice | undefined }) {
  if (!notice) return null;
  return (
    <p class={`notice notice-${notice.kind === 'info' ? 'success' : notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}

export function StepCounter({ step, of }: { step: number; of: number }) {
  return <p class="flow-progress">{`Étape ${step} sur ${of}`}</p>;
}

export interface TextFieldProps {
  id: string;
  name?: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  autofocus?: boolean;
  autocomplete?: string;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  type?: 'text' | 'tel' | 'email';
  maxLength?: number;
}

export function TextField({ id, name, label, value, hint, error, autofocus, autocomplete, inputMode, type = 'text', maxLength = 100 }: TextFieldProps) {
  const errors = error ? [error] : undefined;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <FieldMessages id={`${id}-errors`} messages={errors} />
      <input
        id={id}
        name={name ?? id}
        type={type}
        value={value ?? ''}
        autocomplete={autocomplete}
        inputMode={inputMode}
        maxLength={maxLength}
        spellcheck={false}
        aria-describedby={describedBy(id, Boolean(hint), errors)}
        aria-invalid={error ? 'true' : undefined}
        autofocus={autofocus || undefined}
      />
    </div>
  );
}

/** The same new-password fields as the activation pages (src/flows/http-kit). */
export { PasswordFields as NewPasswordFields } from '../../http-kit/flow-views.tsx';
export type NewPasswordErrors = PasswordFieldsProps['errors'];

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
