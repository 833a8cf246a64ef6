// SPEC §3 / §3.1: who gets an account in the demo, and the story each account went through. Pure data, drawn
// from the seed, so that the passwords to hash are known before the first insert.
import type { AccountEvent } from '../domain/account-state.ts';
import { isGuardianEligible, isStudentEligible, type StudentRecord } from '../domain/eligibility.ts';
import type { PersonName } from '../domain/identifiers.ts';
import { checkPassword, type PasswordContext, type PasswordPolicyId } from '../domain/password-policy.ts';
import type { Realm } from '../realms/realm.ts';
import { DEMO_ESTABLISHMENTS, type DirectoryPlan, type PlannedStudent } from './directory-plan.ts';
import type { FixedId } from './fixed-people.ts';
import { asciiSlug, createRng, type Rng } from './names.ts';

/** Days before the seed's clock of the three notification campaigns: all within the 3-month validity. */
export const NOTIFY_DAYS_AGO = [52, 24, 4] as const;
const FIXED_BATCH = 2; // the most recent, so the banner's provisional passwords stay valid longest

export interface AccountPlan {
  kind: 'guardian' | 'student';
  /** Index in plan.guardians or plan.students. */
  index: number;
  person: PersonName;
  email: string | null;
  mobile: string | null;
  /** Events after pre-creation, in order; the states themselves come from nextStatus. */
  scenario: readonly AccountEvent[];
  notifyBatch: number;
  chosenPassword: string | null;
  provisionalPassword: string | null;
  /** The address given at first login (guardian) or for recovery (student), when the directory had none. */
  givenEmail: string | null;
  fixedId?: FixedId;
  /** Fractions in [0, 1) placing the events between the notification and the clock. */
  timing: readonly [number, number, number];
}

// A few distinct passwords per policy: each is hashed once and shared by the accounts that chose it.
const CHOSEN_PASSWORDS: Readonly<Record<PasswordPolicyId, readonly string[]>> = {
  'educonnect-guardian': ['Tilleuls31', 'Jardin7lys', 'Marelle88b', 'Cerisier4ans', 'Famille2026', 'Parent2026x'],
  'educonnect-student': ['Basket#2013', 'Mangas2026', 'Skate-Park31', 'Dessin+Bleu'],
  'eduprovence-student': ['LeBossu2NotreDame', 'Calanques13!', 'Sardine-du-Port', 'Mistral2026'],
};

const GUARDIAN_SCENARIOS: ReadonlyArray<readonly [readonly AccountEvent[], number]> = [
  [[], 30],
  [['notify'], 25],
  [['notify', 'first_login'], 12],
  [['notify', 'first_login', 'email_confirmed'], 20],
  [['sms_registration'], 5],
  [['notify', 'sms_registration'], 3],
  [['franceconnect_login'], 3],
  [['notify', 'franceconnect_login'], 2],
];

const STUDENT_SCENARIOS: ReadonlyArray<readonly [readonly AccountEvent[], number]> = [
  [[], 35],
  [['notify'], 35],
  [['notify', 'student_activation'], 30],
];

/** SPEC §3: accounts for eligible guardians and students of the degrees the realm serves; fixed ones first. */
export function planAccounts(plan: DirectoryPlan, realm: Realm, seed: number): AccountPlan[] {
  // A stream of its own: changing the story of accounts never moves a name in the directory.
  const rng = createRng(seed ^ 0x5eed_acc7);
  const studentPopulation = realm.populations.student;
  const guardianPopulation = realm.populations.guardian;
  const result: AccountPlan[] = [];

  if (guardianPopulation) {
    const linksOf = new Map<number, DirectoryPlan['links']>();
    for (const link of plan.links) linksOf.set(link.guardian, [...(linksOf.get(link.guardian) ?? []), link]);
    plan.guardians.forEach((guardian, index) => {
      const links = (linksOf.get(index) ?? [])
        .map((l) => ({ legalResponsibility: l.legalResponsibility, student: plan.students[l.student]! }))
        .filter((l) => guardianPopulation.degrees.includes(DEMO_ESTABLISHMENTS[l.student.establishment].degree));
      if (!isGuardianEligible(links.map((l) => ({ legalResponsibility: l.legalResponsibility, student: studentRecord(l.student) })))) return;
      const fixed = guardian.fixedAccount;
      const canText = guardian.mobile !== null; // SMS registration and FranceConnect both send a code to the mobile
      let scenario = fixed?.scenario ?? rng.weighted(GUARDIAN_SCENARIOS);
      if (!canText && scenario.some((e) => e === 'sms_registration' || e === 'franceconnect_login')) scenario = ['notify'];
      const context = { lastName: guardian.lastName, firstName: guardian.firstName };
      result.push({
        kind: 'guardian',
        index,
        person: context,
        email: guardian.email,
        mobile: guardian.mobile,
        scenario,
        notifyBatch: fixed ? FIXED_BATCH : rng.weighted([[0, 3], [1, 4], [2, 3]] as const),
        chosenPassword: fixed ? (fixed.chosenPassword ?? null) : needsPassword(scenario) ? choosePassword(rng, guardianPopulation.passwordPolicy, context) : null,
        provisionalPassword: fixed?.provisionalPassword ?? null,
        givenEmail: guardian.email ?? (scenario.includes('first_login') ? madeUpEmail(guardian.firstName, guardian.lastName, 'example.net') : null),
        ...(fixed ? { fixedId: fixed.id } : {}),
        timing: [rng.next(), rng.next(), rng.next()],
      });
    });
  }

  if (studentPopulation) {
    plan.students.forEach((student, index) => {
      if (!studentPopulation.degrees.includes(DEMO_ESTABLISHMENTS[student.establishment].degree)) return;
      if (!isStudentEligible(studentRecord(student))) return;
      const fixed = student.fixedAccount;
      const scenario = fixed?.scenario ?? rng.weighted(STUDENT_SCENARIOS);
      const context = { lastName: student.lastName, firstName: student.firstName, birthDate: student.birthDate };
      const activated = scenario.includes('student_activation');
      result.push({
        kind: 'student',
        index,
        person: context,
        email: null,
        mobile: null,
        scenario,
        notifyBatch: fixed ? FIXED_BATCH : rng.weighted([[0, 3], [1, 4], [2, 3]] as const),
        chosenPassword: fixed ? (fixed.chosenPassword ?? null) : activated ? choosePassword(rng, studentPopulation.passwordPolicy, context) : null,
        provisionalPassword: fixed?.provisionalPassword ?? null,
        // Seed 003: the recovery address is optional; a third of the activated students gave one.
        givenEmail: activated && rng.chance(0.35) ? madeUpEmail(student.firstName, student.lastName, 'example.org') : null,
        ...(fixed ? { fixedId: fixed.id } : {}),
        timing: [rng.next(), rng.next(), rng.next()],
      });
    });
  }
  // Fixed accounts first: they take the bare identifiers even if a drawn person ever shared their name.
  return [...result.filter((p) => p.fixedId), ...result.filter((p) => !p.fixedId)];
}

/** The eligibility rule only asks whether a class is assigned; the plan has no ids yet, so any number stands for one. */
function studentRecord(student: PlannedStudent): StudentRecord {
  return { ine: student.ine, definitivelyAdmitted: student.definitivelyAdmitted, classId: student.classLabel === null ? null : 0 };
}

function needsPassword(scenario: readonly AccountEvent[]): boolean {
  return scenario.some((e) => e === 'first_login' || e === 'sms_registration' || e === 'student_activation');
}

/** A password the realm's policy accepts for this person (Eduprovence refuses names and birth dates in it). */
function choosePassword(rng: Rng, policy: PasswordPolicyId, context: PasswordContext): string {
  const pool = CHOSEN_PASSWORDS[policy];
  const start = rng.int(0, pool.length - 1);
  for (let i = 0; i < pool.length; i++) {
    const candidate = pool[(start + i) % pool.length]!;
    if (checkPassword(policy, candidate, context).ok) return candidate;
  }
  throw new Error(`Aucun mot de passe de démonstration ne respecte la politique ${policy}.`);
}

function madeUpEmail(firstName: string, lastName: string, domain: string): string {
  return `${asciiSlug(firstName)}.${asciiSlug(lastName)}@${domain}`;
}

/** Every distinct password the accounts chose: hashed once each, whatever the number of accounts sharing it. */
export function distinctChosenPasswords(plans: readonly AccountPlan[]): string[] {
  return [...new Set(plans.flatMap((p) => (p.chosenPassword === null ? [] : [p.chosenPassword])))];
}
