// SPEC §3.1: the demo accounts go through the real services (pre-creation, notification), then the later
// steps of their story are written in bulk — there is no activation service yet — each target status
// computed with nextStatus, so the data always follows the transition table.
import { sql } from 'drizzle-orm';
import { availableParallelism } from 'node:os';
import { SYSTEM } from '../audit/record.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { notifyAccounts } from '../accounts/notify.ts';
import { hashPassword } from '../accounts/password-hash.ts';
import { precreateAccounts } from '../accounts/precreate.ts';
import type { Executor } from '../db/client.ts';
import { nextStatus, type AccountStatus } from '../domain/account-state.ts';
import { NOTIFY_DAYS_AGO, type AccountPlan } from './account-plan.ts';
import type { DirectoryIds } from './directory.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CHUNK = 1000;

/** SPEC §3.1 pre-creation: one call for every demo account; returns the account id of each plan, same order. */
export async function precreateDemoAccounts(deps: AccountsDeps, plans: readonly AccountPlan[], ids: DirectoryIds): Promise<string[]> {
  const created = await precreateAccounts(
    deps,
    plans.map((p) =>
      p.kind === 'guardian'
        ? { kind: 'guardian' as const, person: p.person, email: p.email, mobile: p.mobile, guardianIds: [ids.guardians[p.index]!] }
        : { kind: 'student' as const, person: p.person, studentId: ids.students[p.index]! },
    ),
    SYSTEM,
  );
  return created.map((c) => c.accountId);
}

/** Each notification campaign, relative to the seed's clock: at 07:30 UTC, when the school office opens. */
export function notifyTimes(now: Date): Date[] {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  return NOTIFY_DAYS_AGO.map((days) => new Date(today - days * DAY + 450 * MINUTE));
}

/**
 * SPEC §4 (Re)notify by sheet, one campaign per date: the real service draws and seals the provisional passwords
 * and records the state each account reaches, which the later steps start from.
 */
export async function notifyDemoAccounts(
  deps: AccountsDeps,
  plans: readonly AccountPlan[],
  accountIds: readonly string[],
): Promise<Map<string, AccountStatus>> {
  const times = notifyTimes(deps.clock());
  const statusAfter = new Map<string, AccountStatus>();
  for (const [batch, at] of times.entries()) {
    const selected = plans.flatMap((p, i) => (p.scenario[0] === 'notify' && p.notifyBatch === batch ? [accountIds[i]!] : []));
    if (selected.length === 0) continue;
    const outcome = await notifyAccounts({ ...deps, clock: () => at }, { accountIds: selected, channel: 'sheet', reset: false }, SYSTEM);
    // The service reports the state reached; the origin follows from the same table it used.
    for (const n of outcome.notified) statusAfter.set(n.accountId, nextStatus({ state: n.previousState, origin: 'non_renseigne' }, 'notify'));
  }
  return statusAfter;
}

/** Hashes each distinct password once, a few at a time: Argon2id takes a core for ~20 ms and 19 MiB each. */
export async function hashAll(passwords: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(passwords)];
  const hashes = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < distinct.length) {
      const password = distinct[next++]!;
      hashes.set(password, await hashPassword(password));
    }
  };
  await Promise.all(Array.from({ length: Math.min(distinct.length, 4, Math.max(1, availableParallelism())) }, worker));
  return hashes;
}

interface StateRow {
  id: string;
  state: string;
  origin: string;
  password_hash: string | null;
  provisional_password: string | null;
  provisional_valid_from: string | null;
  email: string | null;
  email_verified: boolean;
  email_owned_by_person: boolean;
  activated_at: string | null;
  last_login_at: string | null;
}

/** SPEC §3.1: the steps after notification (first login, C07 link, SMS, FranceConnect, student activation). */
export async function applyDemoStates(
  tx: Executor,
  deps: AccountsDeps,
  plans: readonly AccountPlan[],
  accountIds: readonly string[],
  notified: ReadonlyMap<string, AccountStatus>,
  hashes: ReadonlyMap<string, string>,
): Promise<void> {
  const now = deps.clock();
  const times = notifyTimes(now);
  const rows: StateRow[] = [];
  for (const [i, plan] of plans.entries()) {
    const id = accountIds[i]!;
    const wasNotified = plan.scenario[0] === 'notify';
    const later = wasNotified ? plan.scenario.slice(1) : plan.scenario;
    if (later.length === 0 && plan.provisionalPassword === null) continue;
    let status: AccountStatus = wasNotified ? notified.get(id)! : nextStatus(null, 'precreate');
    const notifiedAt = wasNotified ? times[plan.notifyBatch]! : null;
    const start = notifiedAt ?? new Date(now.getTime() - (5 + plan.timing[0] * 55) * DAY);
    const span = now.getTime() - start.getTime();
    const row: StateRow = {
      id,
      state: status.state,
      origin: status.origin,
      password_hash: null,
      // A fixed provisional password replaces the drawn one; it is sealed like any other (SPEC §3.1 rev.).
      provisional_password: plan.provisionalPassword === null ? null : deps.secretBox.seal(plan.provisionalPassword, id),
      provisional_valid_from: plan.provisionalPassword === null || notifiedAt === null ? null : notifiedAt.toISOString(),
      email: plan.email,
      email_verified: false,
      email_owned_by_person: false,
      activated_at: null,
      last_login_at: null,
    };
    let at = start;
    for (const event of later) {
      status = nextStatus(status, event);
      // The C07 link is clicked minutes after the first login; any other step lands in the first half of the span.
      at = roundToMinute(
        event === 'email_confirmed'
          ? new Date(at.getTime() + (5 + plan.timing[1] * 115) * MINUTE)
          : new Date(start.getTime() + span * (0.05 + 0.5 * plan.timing[1])),
      );
      if (event === 'first_login' || event === 'sms_registration' || event === 'student_activation') {
        row.password_hash = hashes.get(plan.chosenPassword!)!;
        row.provisional_password = null;
        row.provisional_valid_from = null;
      }
      if (event === 'franceconnect_login') {
        // FranceConnect stands in for a password: none is chosen, and the paper one is no longer needed.
        row.provisional_password = null;
        row.provisional_valid_from = null;
      }
      if (event === 'first_login' || (event === 'student_activation' && plan.givenEmail !== null)) {
        row.email = plan.givenEmail;
        row.email_owned_by_person = true; // SPEC §3 rev.: the person gave or confirmed it
      }
      if (event === 'email_confirmed') row.email_verified = true;
      if (event === 'student_activation' && plan.givenEmail !== null) row.email_verified = plan.timing[2] < 0.7;
      if (event === 'first_login') row.last_login_at = at.toISOString();
      if (status.state === 'active' && row.activated_at === null) row.activated_at = at.toISOString();
    }
    if (row.activated_at !== null) {
      const activated = new Date(row.activated_at).getTime();
      row.last_login_at = roundToMinute(new Date(activated + (now.getTime() - activated) * plan.timing[2])).toISOString();
    }
    row.state = status.state;
    row.origin = status.origin;
    rows.push(row);
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.execute(sql`update accounts a set
        state = v.state, origin = v.origin, password_hash = v.password_hash,
        provisional_password = v.provisional_password, provisional_valid_from = v.provisional_valid_from,
        email = v.email, email_verified = v.email_verified, email_owned_by_person = v.email_owned_by_person,
        activated_at = v.activated_at, last_login_at = v.last_login_at, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) as v(
        id uuid, state text, origin text, password_hash text, provisional_password text, provisional_valid_from timestamptz,
        email text, email_verified boolean, email_owned_by_person boolean, activated_at timestamptz, last_login_at timestamptz)
      where a.id = v.id`);
  }
}

function roundToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
}
