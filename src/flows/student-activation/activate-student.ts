// SPEC §5 student activation (seed 003; rev.: Activé at once): new password (student policy), the student's own
// birth date, an optional recovery address different from the institutional one. One transaction: password,
// state, address, verification link and its message, flow and audit; then a session, as after a login.
import { eq } from 'drizzle-orm';
import { recordAudit, type AuditEntry } from '../../audit/record.ts';
import { accounts, flows, students } from '../../db/schema.ts';
import { nextStatus } from '../../domain/account-state.ts';
import { startAccountSession } from '../../families/session.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { hashPassword } from '../../accounts/password-hash.ts';
import type { Flow } from '../flow-store.ts';
import { parseBirthDate } from '../http-kit/birth-date.ts';
import type { ActivationDeps } from '../http-kit/deps.ts';
import { parseEmailAddress } from '../http-kit/email-address.ts';
import { emailLinkUrl, issueEmailLink } from '../http-kit/email-link.ts';
import { provisionalExpiresAt } from '../../domain/provisional-password.ts';
import { advanceFlow, countFailedAttempt } from '../http-kit/flow-access.ts';
import { FLOW_MESSAGES, hasErrors, MAX_BIRTH_DATE_ATTEMPTS, type FieldErrors } from '../http-kit/messages.ts';
import { checkNewPassword } from '../http-kit/password-choice.ts';
import { isInstitutionalAddress } from './institutional-address.ts';
import { recoveryEmailMessage } from './recovery-email-letter.ts';

export const STUDENT_ACTIVATION = 'student-activation';

export interface StudentFlowData extends Record<string, unknown> {
  /** Set once activated: whether a verification link went to a recovery address. */
  emailSent?: boolean;
}

export type StudentFlow = Flow<StudentFlowData> & { accountId: string };

export type StudentField = 'password' | 'confirmation' | 'birthDate' | 'email';

export interface StudentForm {
  password: string;
  confirmation: string;
  birthDate: string;
  /** Optional: '' when the student gives none. */
  email: string;
}

export type StudentActivationOutcome =
  | { kind: 'activated'; token: string }
  | { kind: 'invalid'; errors: FieldErrors<StudentField>; remaining?: number }
  | { kind: 'ended'; title: string; paragraphs: string[]; status: number }
  /** Another request finished the flow first, or the account is gone: show the flow's page again. */
  | { kind: 'moved' };

const NO_BIRTH_DATE = "Votre établissement n'a pas transmis votre date de naissance : adressez-vous à lui pour activer votre compte.";

/** SPEC §5 student activation, the single page's POST. */
export async function activateStudent(deps: ActivationDeps, flow: StudentFlow, form: StudentForm, ip?: string): Promise<StudentActivationOutcome> {
  const { db, clock, realm } = deps.accounts;
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, flow.accountId) });
  const student = await db.query.students.findFirst({ where: eq(students.accountId, flow.accountId) });
  if (!account) return { kind: 'moved' };
  if (!student) return { kind: 'ended', title: 'Activation impossible pour le moment', paragraphs: [NO_BIRTH_DATE], status: 409 };

  const errors: FieldErrors<StudentField> = await checkNewPassword(deps.accounts, account, form);
  let remaining: number | undefined;
  const birthDate = parseBirthDate(form.birthDate);
  if (!birthDate.ok) errors.birthDate = [birthDate.message];
  else if (birthDate.iso !== student.birthDate) {
    const now = clock();
    const attempts = await countFailedAttempt(db, flow.id, now);
    const last = attempts >= MAX_BIRTH_DATE_ATTEMPTS;
    await db.transaction(async (tx) => {
      if (last) await tx.delete(flows).where(eq(flows.id, flow.id));
      await recordAudit(tx, { kind: 'account', id: account.id, ip }, [{ action: 'account.birth_date_refused', accountId: account.id, details: { attempts, flowEnded: last } }], now);
    });
    if (last) {
      const later = 'Vous pourrez vous reconnecter plus tard avec votre identifiant et votre mot de passe provisoire.';
      return { kind: 'ended', title: 'Date de naissance non reconnue', paragraphs: [FLOW_MESSAGES.birthDateMismatch, later], status: 403 };
    }
    errors.birthDate = [FLOW_MESSAGES.birthDateMismatch];
    remaining = MAX_BIRTH_DATE_ATTEMPTS - attempts;
  }
  let email: string | null = null;
  if (form.email.trim() !== '') {
    const parsed = parseEmailAddress(form.email);
    if (!parsed.ok) errors.email = [parsed.message];
    else if (isInstitutionalAddress(realm, account.identifier, parsed.address)) errors.email = [FLOW_MESSAGES.emailInstitutional];
    else email = parsed.address;
  }
  if (hasErrors(errors)) return { kind: 'invalid', errors, ...(remaining === undefined ? {} : { remaining }) };

  const passwordHash = await hashPassword(form.password); // outside the transaction: 10+ ms of a core
  const now = clock();
  const activated = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(accounts).where(eq(accounts.id, account.id)).for('update');
    if (!locked) return false;
    // An account activated before (an admin reset its password) keeps its state and origin.
    const status = locked.state === 'active' ? { state: locked.state, origin: locked.origin } : nextStatus(locked, 'student_activation');
    if (!(await advanceFlow(tx, flow.id, 'password', { state: 'done', data: { emailSent: email !== null } satisfies StudentFlowData }, now))) return false;
    await tx
      .update(accounts)
      .set({
        ...status,
        passwordHash,
        provisionalPassword: null,
        provisionalValidFrom: null,
        ...(locked.state === 'active' ? {} : { activatedAt: now }),
        // SPEC §5 rev.: unverified until its link is clicked; the person's own, never overwritten by the import.
        ...(email === null ? {} : { email, emailVerified: false, emailOwnedByPerson: true }),
        updatedAt: now,
      })
      .where(eq(accounts.id, locked.id));
    const audit: AuditEntry[] = [{ action: 'account.password_set', accountId: locked.id }];
    if (locked.state !== status.state) {
      audit.push({ action: 'account.activated', accountId: locked.id, details: { via: 'student_activation', from: locked.state } });
    }
    if (email !== null) {
      const link = await issueEmailLink(tx, { accountId: locked.id, email, purpose: 'recovery_email', expiresAt: provisionalExpiresAt(now, realm.provisionalValidityMonths) }, now);
      await enqueueMessages(tx, deps.boss, [recoveryEmailMessage({ realm, issuer: deps.issuer }, locked, email, emailLinkUrl(deps.issuer, link.token))]);
      audit.push({ action: 'account.recovery_email_requested', accountId: locked.id });
    }
    await recordAudit(tx, { kind: 'account', id: locked.id, ip }, audit, now);
    return true;
  });
  if (!activated) return { kind: 'moved' };
  return { kind: 'activated', token: await startAccountSession(deps.accounts, { accountId: account.id, method: 'password', ip }) };
}
