// SPEC §2: the demo directory as plain data, drawn from a seed before anything touches the database, so that
// the same seed gives the same people in the same order (and so the same identifiers).
import { FIXED_FAMILIES, type EstablishmentKey, type FixedAccount, type LevelCode } from './fixed-people.ts';
import {
  ADULT_FEMALE_FIRST_NAMES,
  ADULT_MALE_FIRST_NAMES,
  BOY_FIRST_NAMES,
  GIRL_FIRST_NAMES,
  LAST_NAMES,
  STREETS,
  asciiSlug,
  createRng,
  type Rng,
} from './names.ts';

export const DEMO_ACADEMY = { code: 'DEMO', name: 'Académie de démonstration' } as const;

const CITY = 'Belcastel-sur-Lèze';
const POSTCODE = '31990';
/** Birth dates follow this school year whatever the clock: ages never drift from the levels printed in the README. */
const SCHOOL_YEAR = 2026;
const TARGET_STUDENTS = 300;

// UAIs in the non-existent département 099, with the check letter of the real rule (number mod 23).
export const DEMO_ESTABLISHMENTS = {
  ecole: { uai: '0990101X', name: 'ECOLE PRIMAIRE PUBLIQUE JULES FERRY', kind: 'ecole', degree: '1D', sector: 'public' },
  college_public: { uai: '0990202G', name: 'COLLEGE GEORGE SAND', kind: 'college', degree: '2D', sector: 'public' },
  college_prive: { uai: '0990303S', name: 'COLLEGE PRIVE SAINTE-FAMILLE', kind: 'college', degree: '2D', sector: 'private' },
} as const satisfies Record<EstablishmentKey, { uai: string; name: string; kind: string; degree: '1D' | '2D'; sector: string }>;
export const DEMO_CITY = CITY;

/** Ordered youngest first: the index is the number of school years since petite section. */
export const DEMO_LEVELS: ReadonlyArray<{ code: LevelCode; label: string; degree: '1D' | '2D' }> = [
  { code: 'PS', label: 'Petite section', degree: '1D' },
  { code: 'MS', label: 'Moyenne section', degree: '1D' },
  { code: 'GS', label: 'Grande section', degree: '1D' },
  { code: 'CP', label: 'Cours préparatoire', degree: '1D' },
  { code: 'CE1', label: 'Cours élémentaire 1re année', degree: '1D' },
  { code: 'CE2', label: 'Cours élémentaire 2e année', degree: '1D' },
  { code: 'CM1', label: 'Cours moyen 1re année', degree: '1D' },
  { code: 'CM2', label: 'Cours moyen 2e année', degree: '1D' },
  { code: '6E', label: 'Sixième', degree: '2D' },
  { code: '5E', label: 'Cinquième', degree: '2D' },
  { code: '4E', label: 'Quatrième', degree: '2D' },
  { code: '3E', label: 'Troisième', degree: '2D' },
];

export const DEMO_CLASSES: ReadonlyArray<{ establishment: EstablishmentKey; label: string; levels: readonly LevelCode[] }> = [
  { establishment: 'ecole', label: 'Classe de Mme DARTHOUT', levels: ['PS', 'MS'] },
  { establishment: 'ecole', label: 'GS - M. PUJOL', levels: ['GS'] },
  { establishment: 'ecole', label: 'CP A', levels: ['CP'] },
  { establishment: 'ecole', label: 'CE1-CE2', levels: ['CE1', 'CE2'] },
  { establishment: 'ecole', label: 'CM1 A', levels: ['CM1'] },
  { establishment: 'ecole', label: 'CM2 A', levels: ['CM2'] },
  ...(['6E', '5E', '4E', '3E'] as const).flatMap((level) => [
    { establishment: 'college_public' as const, label: `${level}1`, levels: [level] },
    { establishment: 'college_public' as const, label: `${level}2`, levels: [level] },
    { establishment: 'college_prive' as const, label: `${level.slice(0, 1)}EME A`, levels: [level] },
  ]),
];

export interface PlannedStudent {
  sourceKey: string;
  ine: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
  establishment: EstablishmentKey;
  classLabel: string | null;
  level: LevelCode;
  definitivelyAdmitted: boolean;
  fixedAccount?: FixedAccount;
}

export interface PlannedGuardian {
  sourceKey: string;
  lastName: string;
  firstName: string;
  email: string | null;
  mobile: string | null;
  address: string;
  fixedAccount?: FixedAccount;
}

export interface PlannedLink {
  guardian: number;
  student: number;
  legalResponsibility: boolean;
  /** A directory relation code, stored as it comes (SPEC §2). */
  relation: string;
}

export interface DirectoryPlan {
  students: PlannedStudent[];
  guardians: PlannedGuardian[];
  links: PlannedLink[];
}

interface Adult {
  firstName: string;
  lastName: string;
  email: string | null;
  mobile: string | null;
  address: string;
}

/** SPEC §2: about 300 students and 450 guardians in three establishments, with siblings across them. */
export function planDirectory(seed: number): DirectoryPlan {
  const rng = createRng(seed);
  const plan: DirectoryPlan = { students: [], guardians: [], links: [] };
  const usedInes = new Set<string>(FIXED_FAMILIES.flatMap((f) => f.children.map((c) => c.ine)));
  const usedEmails = new Set<string>(FIXED_FAMILIES.flatMap((f) => (f.guardian.email ? [f.guardian.email] : [])));
  // 06 39 98 xx xx is set aside for fiction by the regulator: a demo SMS can never reach a real person.
  const mobiles = rng.shuffle(Array.from({ length: 9_900 }, (_, i) => `063998${String(i + 100).padStart(4, '0')}`));

  const addGuardian = (adult: Adult, fixedAccount?: FixedAccount) => {
    plan.guardians.push({ sourceKey: `demo:resp:${String(plan.guardians.length + 1).padStart(4, '0')}`, ...adult, fixedAccount });
    return plan.guardians.length - 1;
  };
  const addStudent = (student: Omit<PlannedStudent, 'sourceKey'>) => {
    plan.students.push({ sourceKey: `demo:eleve:${String(plan.students.length + 1).padStart(4, '0')}`, ...student });
    return plan.students.length - 1;
  };
  const link = (guardian: number, students: readonly number[], legalResponsibility: boolean, relation: string) => {
    for (const student of students) plan.links.push({ guardian, student, legalResponsibility, relation });
  };

  for (const family of FIXED_FAMILIES) {
    const { relation, ...adult } = family.guardian;
    const guardian = addGuardian(adult, family.guardianAccount);
    const children = family.children.map(({ fixedAccount, ...child }) => addStudent({ ...child, fixedAccount }));
    link(guardian, children, true, relation);
  }

  const draw = { rng, usedInes, usedEmails, mobiles };
  let splitReferences = 0;
  while (plan.students.length < TARGET_STUDENTS) {
    const family = drawFamily(draw);
    const children = family.children.map((child) => addStudent(child));
    const establishments = new Set(family.children.map((c) => c.establishment));
    for (const [position, parent] of family.legal.entries()) {
      // The école (ONDE) and the collège (SIECLE) may each register the same parent: two references, two accounts.
      if (position === 0 && establishments.size > 1 && splitReferences < 4 && rng.chance(0.4)) {
        splitReferences++;
        const first = family.children[0]!.establishment;
        link(addGuardian(parent.adult), children.filter((i) => plan.students[i]!.establishment === first), true, parent.relation);
        link(addGuardian(parent.adult), children.filter((i) => plan.students[i]!.establishment !== first), true, parent.relation);
        continue;
      }
      link(addGuardian(parent.adult), children, true, parent.relation);
    }
    if (family.contact) link(addGuardian(family.contact), children, false, 'ASCENDANT');
  }
  return plan;
}

interface Draw {
  rng: Rng;
  usedInes: Set<string>;
  usedEmails: Set<string>;
  mobiles: string[];
}

interface DrawnFamily {
  children: Array<Omit<PlannedStudent, 'sourceKey'>>;
  legal: Array<{ adult: Adult; relation: string }>;
  contact: Adult | null;
}

// Eldest children are drawn more often at the collège, because their younger siblings fill the école.
const ELDEST_RANK_WEIGHTS = DEMO_LEVELS.map((level, rank) => [rank, level.degree === '2D' ? 2.6 : 1] as const);

function drawFamily(draw: Draw): DrawnFamily {
  const { rng } = draw;
  const familyName = rng.pick(LAST_NAMES);
  const shape = rng.weighted([['couple', 80], ['mother', 14], ['father', 4], ['tutor', 2]] as const);
  const address = drawAddress(rng);
  const legal: DrawnFamily['legal'] = [];
  let childrenName: string = familyName;
  if (shape === 'couple' || shape === 'mother') {
    const ownName = rng.chance(0.4) ? rng.pick(LAST_NAMES) : familyName;
    legal.push({ adult: drawAdult(draw, rng.pick(ADULT_FEMALE_FIRST_NAMES), ownName, address), relation: 'MERE' });
    if (ownName !== familyName && rng.chance(0.25) && !/[- ']/.test(familyName + ownName)) childrenName = `${familyName}-${ownName}`;
  }
  if (shape === 'couple' || shape === 'father') {
    const separated = shape === 'couple' && rng.chance(0.1);
    legal.push({ adult: drawAdult(draw, rng.pick(ADULT_MALE_FIRST_NAMES), familyName, separated ? drawAddress(rng) : address), relation: 'PERE' });
  }
  if (shape === 'tutor') {
    const female = rng.chance(0.5);
    const first = rng.pick(female ? ADULT_FEMALE_FIRST_NAMES : ADULT_MALE_FIRST_NAMES);
    legal.push({ adult: drawAdult(draw, first, rng.pick(LAST_NAMES), address), relation: 'TUTEUR' });
  }
  const contact = rng.chance(0.08)
    ? drawAdult(draw, rng.pick(rng.chance(0.5) ? ADULT_FEMALE_FIRST_NAMES : ADULT_MALE_FIRST_NAMES), rng.chance(0.5) ? familyName : rng.pick(LAST_NAMES), drawAddress(rng))
    : null;

  const childCount = rng.weighted([[1, 78], [2, 17], [3, 5]] as const);
  const college: EstablishmentKey = rng.chance(0.65) ? 'college_public' : 'college_prive';
  const children: DrawnFamily['children'] = [];
  const firstNames = new Set<string>();
  for (let rank = rng.weighted(ELDEST_RANK_WEIGHTS); children.length < childCount && rank >= 0; rank -= rng.int(1, 4)) {
    const level = DEMO_LEVELS[rank]!;
    const establishment: EstablishmentKey =
      level.degree === '1D' ? 'ecole' : rng.chance(0.1) ? (college === 'college_public' ? 'college_prive' : 'college_public') : college;
    let firstName: string;
    do firstName = rng.pick(rng.chance(0.5) ? BOY_FIRST_NAMES : GIRL_FIRST_NAMES);
    while (firstNames.has(firstName));
    firstNames.add(firstName);
    const fate = rng.next(); // a handful not eligible: SPEC §3 (a) admitted, (b) INE, (c) class
    const classes = DEMO_CLASSES.filter((c) => c.establishment === establishment && c.levels.includes(level.code));
    const classLabel = rng.pick(classes).label;
    const ine = drawIne(draw);
    children.push({
      ine: fate >= 0.012 && fate < 0.022 ? null : ine,
      lastName: childrenName,
      firstName,
      birthDate: drawBirthDate(rng, rank, level.degree === '2D' && rng.chance(0.04)),
      establishment,
      classLabel: fate >= 0.022 && fate < 0.032 ? null : classLabel,
      level: level.code,
      definitivelyAdmitted: fate >= 0.012,
    });
  }
  return { children, legal, contact };
}

function drawAdult(draw: Draw, firstName: string, lastName: string, address: string): Adult {
  const { rng } = draw;
  let email: string | null = null;
  if (rng.chance(0.84)) {
    const domain = rng.chance(0.6) ? 'example.org' : 'example.net';
    const stem = `${asciiSlug(firstName)}.${asciiSlug(lastName)}`;
    email = `${stem}@${domain}`;
    for (let n = 2; draw.usedEmails.has(email); n++) email = `${stem}${n}@${domain}`;
    draw.usedEmails.add(email);
  }
  const mobile = rng.chance(0.9) ? (draw.mobiles.pop() ?? null) : null;
  return { firstName, lastName, email, mobile, address };
}

function drawAddress(rng: Rng): string {
  return `${rng.int(1, 64)} ${rng.pick(STREETS)}, ${POSTCODE} ${CITY}`;
}

/** A child enters petite section the year they turn 3; a few collégiens are a year behind. */
function drawBirthDate(rng: Rng, rank: number, yearBehind: boolean): string {
  const year = SCHOOL_YEAR - 3 - rank - (yearBehind ? 1 : 0);
  const day = new Date(Date.UTC(year, 0, 1 + rng.int(0, 364)));
  return day.toISOString().slice(0, 10);
}

const INE_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function drawIne(draw: Draw): string {
  for (;;) {
    let digits = String(draw.rng.int(1, 9));
    for (let i = 0; i < 9; i++) digits += String(draw.rng.int(0, 9));
    const ine = `${digits}${draw.rng.pick([...INE_LETTERS])}`;
    if (!draw.usedInes.has(ine)) {
      draw.usedInes.add(ine);
      return ine;
    }
  }
}
