// SPEC §5 first login with a provisional password (guide §1.3.4), one use case per page: choose a password,
// give or confirm the address, give the birth date of the child named on screen. Each returns what the page
// shows next; nothing but the flow changes until the last step's single transaction (first-login.ts).
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import type { AccountRow } from '../../accounts/queries.ts';
import { accounts, flows } from '../../db/schema.ts';
import { startAccountSession } from '../../families/session.ts';
import { parseBirthDate } from '../http-kit/birth-date.ts';
import type { ActivationDeps } from '../http-kit/deps.ts';
import { parseEmailAddress } from '../http-kit/email-address.ts';
import { advanceFlow, countFailedAttempt } from '../http-kit/flow-access.ts';
import { FLOW_MESSAGES, MAX_BIRTH_DATE_ATTEMPTS, type FieldErrors } from '../http-kit/messages.ts';
import { acceptNewPassword, type PasswordField } from '../http-kit/password-choice.ts';
import type { Flow } from '../flow-store.ts';
import { childToName } from './child-to-name.ts';
import { completeFirstLogin } from './first-login.ts';

export const GUARDIAN_ACTIVATION = 'guardian-activation';

export type GuardianState = 'password' | 'email' | 'birthdate' | 'sent';

export interface GuardianFlowData extends Record<string, unknown> {
  /** Argon2id hash of the chosen password, until the last step writes it to the account. */
  passwordHash?: string;
  email?: string;
  childStudentId?: number;
}

export type GuardianFlow = Flow<GuardianFlowData> & { accountId: string };

export type StepOutcome<F extends string> =
  /** The flow moved on (or another request moved it): show its current page. */
  | { kind: 'next' }
  | { kind: 'invalid'; errors: FieldErrors<F>; remaining?: number }
  /** An account activated meanwhile (an admin reset): the password was the only step; the person is in. */
  | { kind: 'session'; token: string }
  /** The flow is over with a message: too many wrong birth dates, no child to ask about, already activated. */
  | { kind: 'ended'; title: string; paragraphs: string[]; status: number };

const LATER = 'Vous pourrez vous reconnecter plus tard avec votre identifiant et votre mot de passe.';
const NO_CHILD: StepOutcome<never> = { kind: 'ended', title: 'Activation impossible pour le moment', paragraphs: [FLOW_MESSAGES.noChild], status: 409 };

export async function loadAccount(deps: ActivationDeps, accountId: string): Promise<AccountRow | undefined> {
  return deps.accounts.db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
}

/** Step `password` — SPEC §3.2 guardian policy, different from the provisional password. */
export async function choosePassword(
  deps: ActivationDeps,
  flow: GuardianFlow,
  typed: { password: string; confirmation: string },
  ip?: string,
): Promise<StepOutcome<PasswordField>> {
  const account = await loadAccount(deps, flow.accountId);
  if (!account) return { kind: 'next' };
  const accepted = await acceptNewPassword(deps.accounts, account, typed);
  if (!accepted.ok) return { kind: 'invalid', errors: accepted.errors };
  if (account.state !== 'active') {
    await advanceFlow(deps.accounts.db, flow.id, 'password', { state: 'email', data: { ...flow.data, passwordHash: accepted.passwordHash } }, deps.accounts.clock());
    return { kind: 'next' };
  }
  // SPEC §3.1: an activated account reset by an admin only owes a new password; then the person is in.
  const now = deps.accounts.clock();
  const done = await deps.accounts.db.transaction(async (tx) => {
    const removed = await tx.delete(flows).where(and(eq(flows.id, flow.id), eq(flows.state, 'password'))).returning({ id: flows.id });
    if (removed.length === 0) return false;
    await tx
      .update(accounts)
      .set({ passwordHash: accepted.passwordHash, provisionalPassword: null, provisionalValidFrom: null, updatedAt: now })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, { kind: 'account', id: account.id, ip }, [{ action: 'account.password_set', accountId: account.id }], now);
    return true;
  });
  if (!done) return { kind: 'next' };
  return { kind: 'session', token: await startAccountSession(deps.accounts, { accountId: account.id, method: 'password', ip }) };
}

/** Step `email` — given or confirmed; for an account En cours d'activation (rev.) it sends the new C07 at once. */
export async function giveEmail(deps: ActivationDeps, flow: GuardianFlow, typed: { email: string }, ip?: string): Promise<StepOutcome<'email'>> {
  const parsed = parseEmailAddress(typed.email);
  if (!parsed.ok) return { kind: 'invalid', errors: { email: [parsed.message] } };
  const account = await loadAccount(deps, flow.accountId);
  if (!account) return { kind: 'next' };
  if (account.state === 'notifie') {
    const child = await childToName(deps.accounts.db, account.id, flow.data.childStudentId);
    if (!child) return NO_CHILD;
    await advanceFlow(
      deps.accounts.db,
      flow.id,
      'email',
      { state: 'birthdate', data: { ...flow.data, email: parsed.address, childStudentId: child.studentId } },
      deps.accounts.clock(),
    );
    return { kind: 'next' };
  }
  return finish(deps, flow, 'email', parsed.address, ip);
}

/** Step `birthdate` — the child's birth date; wrong ones are counted, the fifth ends the flow. */
export async function giveChildBirthDate(
  deps: ActivationDeps,
  flow: GuardianFlow,
  typed: { birthDate: string },
  ip?: string,
): Promise<StepOutcome<'birthDate'>> {
  const parsed = parseBirthDate(typed.birthDate);
  if (!parsed.ok) return { kind: 'invalid', errors: { birthDate: [parsed.message] } };
  const child = await childToName(deps.accounts.db, flow.accountId, flow.data.childStudentId);
  if (!child) return NO_CHILD;
  if (child.birthDate !== parsed.iso) {
    const now = deps.accounts.clock();
    const attempts = await countFailedAttempt(deps.accounts.db, flow.id, now);
    const last = attempts >= MAX_BIRTH_DATE_ATTEMPTS;
    await deps.accounts.db.transaction(async (tx) => {
      if (last) await tx.delete(flows).where(eq(flows.id, flow.id));
      await recordAudit(tx, { kind: 'account', id: flow.accountId, ip }, [{ action: 'account.birth_date_refused', accountId: flow.accountId, details: { attempts, flowEnded: last } }], now);
    });
    if (last) return { kind: 'ended', title: 'Date de naissance non reconnue', paragraphs: [FLOW_MESSAGES.birthDateMismatch, LATER], status: 403 };
    return { kind: 'invalid', errors: { birthDate: [FLOW_MESSAGES.birthDateMismatch] }, remaining: MAX_BIRTH_DATE_ATTEMPTS - attempts };
  }
  if (!flow.data.email) return { kind: 'next' };
  return finish(deps, flow, 'birthdate', flow.data.email, ip);
}

/** From the `sent` page, "corriger mon adresse": back to the e-mail step (the password is already set). */
export async function reopenEmailStep(deps: ActivationDeps, flow: GuardianFlow): Promise<StepOutcome<never>> {
  await advanceFlow(deps.accounts.db, flow.id, 'sent', { state: 'email', data: { email: flow.data.email } }, deps.accounts.clock());
  return { kind: 'next' };
}

async function finish(deps: ActivationDeps, flow: GuardianFlow, fromState: GuardianState, email: string, ip?: string): Promise<StepOutcome<never>> {
  const outcome = await completeFirstLogin(deps, {
    flowId: flow.id,
    fromState,
    accountId: flow.accountId,
    email,
    passwordHash: flow.data.passwordHash ?? null,
    ip,
  });
  if (!outcome.ok && outcome.reason === 'already_active') {
    await deps.accounts.db.delete(flows).where(eq(flows.id, flow.id));
    return { kind: 'ended', title: 'Compte déjà activé', paragraphs: [FLOW_MESSAGES.alreadyActive], status: 409 };
  }
  return { kind: 'next' };
}
