// SPEC §4: "Confirmation dialog first" — as a page, so that it works without JavaScript. Valider posts the same
// selection again with a request id drawn here; Annuler goes back without changing anything.
import type { ComponentChildren } from 'preact';
import type { Realm } from '../../../realms/realm.ts';
import type { StaffSession } from '../../auth/session.ts';
import { AdminLayout, CsrfField } from '../../views/admin-layout.tsx';

export interface ConfirmPageProps {
  realm: Realm;
  session: StaffSession;
  title: string;
  question: string;
  warning?: string;
  /** Where Valider posts. */
  action: string;
  /** The hidden fields Valider sends (the ids already checked against the establishment). */
  fields: Array<[string, string]>;
  cancelHref: string;
  children?: ComponentChildren;
}

export function ConfirmPage({ realm, session, title, question, warning, action, fields, cancelHref, children }: ConfirmPageProps) {
  return (
    <AdminLayout realm={realm} title={title} session={session} tab="responsables">
      <h1>{title}</h1>
      <div class="card confirm">
        <p class="question">
          <span aria-hidden="true">⚠ </span>
          <strong>{question}</strong>
        </p>
        {warning && <p>{warning}</p>}
        {children}
        <form method="post" action={action}>
          <CsrfField session={session} />
          {fields.map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit">Valider</button>{' '}
          <a href={cancelHref} class="button secondary">
            Annuler
          </a>
        </form>
      </div>
    </AdminLayout>
  );
}
