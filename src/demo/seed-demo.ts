// `guichet seed-demo`: a made-up, deterministic academy to try every screen (SPEC §2–§4), loaded only into
// an empty database. The directory and the account stories are drawn from a seed; the credentials printed in
// the banner and the README belong to fixed families, so they never change.
import { eq, sql } from 'drizzle-orm';
import type { AccountsDeps } from '../accounts/deps.ts';
import { recordAudit, SYSTEM } from '../audit/record.ts';
import type { Database, Executor } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { academies } from '../db/schema.ts';
import {
  ACCOUNT_ORIGINS,
  ACCOUNT_STATE_LABELS,
  ACCOUNT_STATES,
  nextStatus,
  type AccountEvent,
  type AccountOrigin,
  type AccountState,
} from '../domain/account-state.ts';
import { identifierCandidate } from '../domain/identifiers.ts';
import { populationSettings } from '../realms/index.ts';
import type { Realm } from '../realms/realm.ts';
import { distinctChosenPasswords, planAccounts } from './account-plan.ts';
import { applyDemoStates, hashAll, notifyDemoAccounts, precreateDemoAccounts } from './accounts.ts';
import { DEMO_ACADEMY, planDirectory } from './directory-plan.ts';
import { DEMO_STAFF, insertDemoStaff, insertDirectory } from './directory.ts';
import { FIXED_FAMILIES, type FixedChild, type FixedId } from './fixed-people.ts';

export { DemoAlreadySeededError } from './directory.ts';

export const DEMO_STAFF_PASSWORD = 'Demo-Guichet-2026';
/** The seed of the published demo: change it and every drawn name changes (the fixed credentials do not). */
export const DEMO_SEED = 20_261_123;

export interface DemoSummary {
  establishments: number;
  students: number;
  guardians: number;
  accountsByState: Record<AccountState, number>;
  accountsByOrigin: Record<AccountOrigin, number>;
  staff: number;
}

export interface DemoCredential {
  who: string;
  identifier: string;
  password: string;
  /** French label of the account state, or of the console for staff. */
  state: string;
  note: string;
}

/** Start-up (`serve --seed-demo-if-empty`): whether the demo academy is already there. */
export async function isDemoSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: academies.id }).from(academies).where(eq(academies.code, DEMO_ACADEMY.code)).limit(1);
  return rows.length > 0;
}

/** `guichet seed-demo`: loads the demo academy into a database that holds no academy yet, else throws. */
export async function seedDemo(deps: AccountsDeps, options: { seed?: number } = {}): Promise<DemoSummary> {
  const seed = options.seed ?? DEMO_SEED;
  const now = deps.clock();
  const directory = planDirectory(seed);
  const plans = planAccounts(directory, deps.realm, seed);
  // Hashing runs on libuv's threads while the directory is written; it is awaited only where the hashes go in.
  const hashing = hashAll([DEMO_STAFF_PASSWORD, ...distinctChosenPasswords(plans)]);
  hashing.catch(() => {}); // a failure surfaces at the await below, not as an unhandled rejection
  const ids = await deps.db.transaction((tx) => insertDirectory(tx, directory, now));
  const accountIds = await precreateDemoAccounts(deps, plans, ids);
  const notified = await notifyDemoAccounts(deps, plans, accountIds);
  const hashes = await hashing;
  return deps.db.transaction(async (tx) => {
    const staff = await insertDemoStaff(tx, ids, hashes.get(DEMO_STAFF_PASSWORD)!, now);
    await applyDemoStates(tx, deps, plans, accountIds, notified, hashes);
    const summary = await summarize(tx, staff);
    await recordAudit(tx, SYSTEM, [{ action: 'demo.seeded', details: { seed, realm: deps.realm.id, ...summary } }], now);
    return summary;
  });
}

async function summarize(tx: Executor, staff: number): Promise<DemoSummary> {
  const [counts] = await queryRows<{ establishments: number; students: number; guardians: number }>(
    tx,
    sql`select (select count(*)::int from establishments) as establishments,
               (select count(*)::int from students) as students,
               (select count(*)::int from guardians) as guardians`,
  );
  const byStatus = await queryRows<{ state: AccountState; origin: AccountOrigin; n: number }>(
    tx,
    sql`select state, origin, count(*)::int as n from accounts group by state, origin`,
  );
  const accountsByState = Object.fromEntries(ACCOUNT_STATES.map((s) => [s, 0])) as Record<AccountState, number>;
  const accountsByOrigin = Object.fromEntries(ACCOUNT_ORIGINS.map((o) => [o, 0])) as Record<AccountOrigin, number>;
  for (const row of byStatus) {
    accountsByState[row.state] += row.n;
    accountsByOrigin[row.origin] += row.n;
  }
  return { ...counts!, accountsByState, accountsByOrigin, staff };
}

const ESTABLISHMENT_LABELS = {
  ecole: 'école Jules Ferry',
  college_public: 'collège George Sand',
  college_prive: 'collège privé Sainte-Famille',
} as const;

/** The credentials of the banner and the README, for the realm's populations; they do not depend on the seed. */
export function demoCredentials(realm: Realm): DemoCredential[] {
  const credentials: DemoCredential[] = [];
  const identifier = (kind: 'guardian' | 'student', person: { firstName: string; lastName: string }) =>
    identifierCandidate(populationSettings(realm, kind).identifierFormat, person, 0);
  const guardianNotes: Partial<Record<FixedId, (children: readonly FixedChild[]) => string>> = {
    'guardian-notifie': ([child]) => `Mot de passe provisoire ; à la première connexion, date de naissance de ${child!.firstName} : ${frenchDate(child!.birthDate)}.`,
    'guardian-en-cours': () => "Mot de passe choisi ; le lien du courriel d'activation (C07) n'a pas encore été cliqué.",
    'guardian-active': (children) => `Enfants dans deux établissements : ${children.map((c) => `${c.firstName} (${c.classLabel}, ${ESTABLISHMENT_LABELS[c.establishment]})`).join(' et ')}.`,
    'guardian-non-notifie': () => 'à notifier depuis la console',
  };
  for (const family of FIXED_FAMILIES) {
    const account = family.guardianAccount;
    const note = account && guardianNotes[account.id];
    if (realm.populations.guardian && account && note) {
      const where = [...new Set(family.children.map((c) => ESTABLISHMENT_LABELS[c.establishment]))].join(' et ');
      credentials.push({
        who: `${family.guardian.firstName} ${family.guardian.lastName}, responsable (${where})`,
        identifier: identifier('guardian', family.guardian),
        password: account.provisionalPassword ?? account.chosenPassword ?? '',
        state: ACCOUNT_STATE_LABELS[stateAfter(account.scenario)],
        note: note(family.children),
      });
    }
    for (const child of family.children) {
      if (!realm.populations.student || !child.fixedAccount) continue;
      credentials.push({
        who: `${child.firstName} ${child.lastName}, élève de ${child.level.toLowerCase()} (${ESTABLISHMENT_LABELS[child.establishment]})`,
        identifier: identifier('student', child),
        password: child.fixedAccount.provisionalPassword ?? child.fixedAccount.chosenPassword ?? '',
        state: ACCOUNT_STATE_LABELS[stateAfter(child.fixedAccount.scenario)],
        note: `Mot de passe provisoire ; date de naissance : ${frenchDate(child.birthDate)}.`,
      });
    }
  }
  for (const member of DEMO_STAFF) {
    credentials.push({
      who: `${member.displayName}, console (${member.establishments.map((e) => ESTABLISHMENT_LABELS[e]).join(' et ')})`,
      identifier: member.login,
      password: DEMO_STAFF_PASSWORD,
      state: "Console d'administration",
      note: member.establishments.length > 1 ? "Choisit d'abord son établissement." : 'Un seul établissement.',
    });
  }
  return credentials;
}

/** The state a fixed account ends in, from the same transition table the seed follows. */
function stateAfter(scenario: readonly AccountEvent[]): AccountState {
  return scenario.reduce((status, event) => nextStatus(status, event), nextStatus(null, 'precreate')).state;
}

function frenchDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
