// SPEC §5 SMS registration (guide §1.3.4): "confirm the children to attach by typing each one's birth date".
// A wrong date is a guess at a child's birth date: each refused form counts, and the flow ends after 5.
import { deleteFlow, updateFlow, type Flow } from '../flow-store.ts';
import { countFailedAttempt } from '../http-kit/flow-access.ts';
import { parseBirthDate } from '../http-kit/birth-date.ts';
import type { SelfServiceDeps } from './deps.ts';
import { REGISTRATION_MESSAGES as M } from './messages.ts';
import { childrenOfReferences, type ReferencedChild } from './references.ts';
import { MAX_BIRTH_DATE_SUBMISSIONS, type RegistrationData } from './registration-flow.ts';

export type ChildrenOutcome =
  | { kind: 'retry'; errors: Record<number, string> }
  | { kind: 'too_many' }
  | { kind: 'confirmed' };

/** The children offered: those of every matched reference (rev.: several references of one person are grouped). */
export function offeredChildren(deps: SelfServiceDeps, flow: Flow<RegistrationData>): Promise<ReferencedChild[]> {
  return childrenOfReferences(deps.accounts.db, deps.accounts.realm, flow.data.guardianIds ?? []);
}

/** SPEC §5: checks the typed birth dates; at least one child must be confirmed to go on to the password. */
export async function confirmChildren(
  deps: SelfServiceDeps,
  flow: Flow<RegistrationData>,
  typed: Record<number, string>,
  /** The flow's state once children are confirmed (FranceConnect's first connection has no password step). */
  next = 'password',
): Promise<ChildrenOutcome> {
  const now = deps.accounts.clock();
  const children = await offeredChildren(deps, flow);
  const confirmed = new Set(flow.data.confirmedStudentIds ?? []);
  const errors: Record<number, string> = {};
  let wrong = 0;
  for (const child of children) {
    const text = (typed[child.studentId] ?? '').trim();
    if (confirmed.has(child.studentId) || text === '') continue;
    const date = parseBirthDate(text);
    if (!date.ok) errors[child.studentId] = date.message;
    else if (date.iso === child.birthDate) confirmed.add(child.studentId);
    else {
      errors[child.studentId] = M.birthDateWrong;
      wrong++;
    }
  }
  const data = { ...flow.data, confirmedStudentIds: [...confirmed] };
  if (wrong > 0 && (await countFailedAttempt(deps.accounts.db, flow.id, now)) >= MAX_BIRTH_DATE_SUBMISSIONS) {
    // Enough guesses: go on with the children already confirmed, or stop.
    if (confirmed.size === 0) {
      await deleteFlow(deps.accounts.db, flow.id);
      return { kind: 'too_many' };
    }
    await updateFlow(deps.accounts.db, flow.id, { state: next, data }, now);
    return { kind: 'confirmed' };
  }
  if (Object.keys(errors).length === 0 && confirmed.size === 0 && children[0]) errors[children[0].studentId] = M.noChildConfirmed;
  if (Object.keys(errors).length > 0) {
    await updateFlow(deps.accounts.db, flow.id, { data }, now);
    return { kind: 'retry', errors };
  }
  await updateFlow(deps.accounts.db, flow.id, { state: next, data }, now);
  return { kind: 'confirmed' };
}

/** The references to group: those of the confirmed children, among the matched ones. */
export function confirmedReferences(children: readonly ReferencedChild[], data: RegistrationData): number[] {
  const confirmed = new Set(data.confirmedStudentIds ?? []);
  const matched = new Set(data.guardianIds ?? []);
  return [...new Set(children.filter((c) => confirmed.has(c.studentId)).flatMap((c) => c.guardianIds))].filter((id) => matched.has(id)).sort((a, b) => a - b);
}
