import { isCommonPassword } from './common-passwords.ts';

export type PasswordPolicyId = 'educonnect-guardian' | 'educonnect-student' | 'eduprovence-student';

export interface PasswordContext {
  lastName?: string;
  firstName?: string;
  /** ISO date, YYYY-MM-DD. */
  birthDate?: string;
}

export interface PasswordCheck {
  ok: boolean;
  /** French sentences, one per unmet rule. */
  unmet: string[];
}

/** The special characters of seed 003, in the order the seed lists them. */
export const STUDENT_SPECIAL_CHARACTERS = '!?@#$(){}_&+-%°*<>£µ/.:;,';

const MIN_LENGTH = 8;
const GUARDIAN_MAX_LENGTH = 14;
const STUDENT_REQUIRED_CRITERIA = 3;
// Shorter name parts ("Le", "Li", "Da") would refuse far too many harmless passwords.
const MIN_NAME_PART_LENGTH = 3;

const MESSAGES = {
  empty: 'Saisissez un mot de passe.',
  tooShort: `Le mot de passe doit comporter au moins ${MIN_LENGTH} caractères.`,
  tooLong: `Le mot de passe doit comporter au plus ${GUARDIAN_MAX_LENGTH} caractères.`,
  noLetter: 'Le mot de passe doit contenir au moins une lettre.',
  noDigit: 'Le mot de passe doit contenir au moins un chiffre.',
  noUpper: 'Le mot de passe doit contenir au moins une majuscule.',
  noLower: 'Le mot de passe doit contenir au moins une minuscule.',
  noDigitOrPunctuation:
    'Le mot de passe doit contenir au moins un chiffre ou un caractère de ponctuation.',
  containsLastName: 'Le mot de passe ne doit pas contenir votre nom.',
  containsFirstName: 'Le mot de passe ne doit pas contenir votre prénom.',
  containsBirthDate: 'Le mot de passe ne doit pas contenir votre date de naissance.',
  common: 'Ce mot de passe est trop courant : choisissez-en un autre.',
} as const;

const STUDENT_SPECIAL_LIST = [...STUDENT_SPECIAL_CHARACTERS].join(' ');

const DESCRIPTIONS: Readonly<Record<PasswordPolicyId, string>> = {
  'educonnect-guardian': `${MIN_LENGTH} à ${GUARDIAN_MAX_LENGTH} caractères, avec au moins une lettre et un chiffre.`,
  'educonnect-student':
    `Au moins ${MIN_LENGTH} caractères, et au moins 3 des 4 critères suivants : une majuscule, ` +
    `une minuscule, un chiffre, un caractère spécial parmi ( ${STUDENT_SPECIAL_LIST} ).`,
  'eduprovence-student':
    `Au moins ${MIN_LENGTH} caractères, dont une majuscule, une minuscule et un chiffre ou un ` +
    'caractère de ponctuation ; sans votre nom, votre prénom ni votre date de naissance.',
};

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

type StudentCriterion = 'upper' | 'lower' | 'digit' | 'special';

const CRITERION_LABELS: Readonly<Record<StudentCriterion, string>> = {
  upper: 'une majuscule',
  lower: 'une minuscule',
  digit: 'un chiffre',
  special: 'un caractère spécial',
};

/** Follows SPEC §3.2: checks a password against one policy and lists every unmet rule in French. */
export function checkPassword(
  policy: PasswordPolicyId,
  password: string,
  context: PasswordContext = {},
): PasswordCheck {
  if (password.length === 0) return { ok: false, unmet: [MESSAGES.empty] };
  // A decomposed "é" is one character to the person typing it.
  const text = password.normalize('NFC');
  const chars = [...text];
  const unmet: string[] = [];
  if (chars.length < MIN_LENGTH) unmet.push(MESSAGES.tooShort);

  switch (policy) {
    case 'educonnect-guardian':
      if (chars.length > GUARDIAN_MAX_LENGTH) unmet.push(MESSAGES.tooLong);
      if (!LETTER.test(text)) unmet.push(MESSAGES.noLetter);
      if (!DIGIT.test(text)) unmet.push(MESSAGES.noDigit);
      break;
    case 'educonnect-student': {
      const met = studentCriteria(chars);
      if (met.size < STUDENT_REQUIRED_CRITERIA) {
        const missing = (Object.keys(CRITERION_LABELS) as StudentCriterion[])
          .filter((criterion) => !met.has(criterion))
          .map((criterion) => CRITERION_LABELS[criterion]);
        unmet.push(
          `Le mot de passe doit remplir au moins ${STUDENT_REQUIRED_CRITERIA} des 4 critères ; ` +
            `critères non remplis : ${joinFrench(missing)}.`,
        );
      }
      break;
    }
    case 'eduprovence-student':
      if (!UPPER.test(text)) unmet.push(MESSAGES.noUpper);
      if (!LOWER.test(text)) unmet.push(MESSAGES.noLower);
      if (!DIGIT.test(text) && !PUNCTUATION.test(text)) unmet.push(MESSAGES.noDigitOrPunctuation);
      unmet.push(...personalDataFindings(text, context));
      break;
  }

  if (isCommonPassword(text)) unmet.push(MESSAGES.common);
  return { ok: unmet.length === 0, unmet };
}

/** Follows SPEC §3.2: the rule shown on forms, in French. */
export function describePasswordPolicy(policy: PasswordPolicyId): string {
  return DESCRIPTIONS[policy];
}

/** Follows SPEC §3.2 (strength bar, seeds 003/004): 0 (weak) to 4 (strong) from length and variety. */
export function passwordStrength(password: string): 0 | 1 | 2 | 3 | 4 {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_LENGTH || isCommonPassword(password)) return 0;
  // Repeating a handful of characters adds length but almost no guessing work.
  if (new Set(chars).size <= 3) return 1;

  const classes = new Set<string>();
  for (const char of chars) {
    if (UPPER.test(char)) classes.add('upper');
    else if (LETTER.test(char)) classes.add('lower');
    else if (DIGIT.test(char)) classes.add('digit');
    else classes.add('other');
  }
  const lengthPoints = chars.length >= 20 ? 3 : chars.length >= 14 ? 2 : chars.length >= 10 ? 1 : 0;
  const varietyPoints = classes.size - 1;
  const score = Math.min(4, Math.max(1, lengthPoints + varietyPoints));
  return score as 1 | 2 | 3 | 4;
}

function studentCriteria(chars: readonly string[]): Set<StudentCriterion> {
  const met = new Set<StudentCriterion>();
  for (const char of chars) {
    // µ is a lower-case letter for Unicode, but the seed lists it as a special character.
    if (STUDENT_SPECIAL_CHARACTERS.includes(char)) met.add('special');
    else if (UPPER.test(char)) met.add('upper');
    else if (LOWER.test(char)) met.add('lower');
    else if (DIGIT.test(char)) met.add('digit');
  }
  return met;
}

function joinFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

// Case- and accent-insensitive; separators are dropped so "Le-Bœuf" in a password still matches.
function fold(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gu, 'oe')
    .replace(/æ/gu, 'ae')
    .replace(/ß/gu, 'ss')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function nameFragments(name: string | undefined): string[] {
  if (name === undefined) return [];
  const parts = name.split(/[^\p{L}\p{M}\p{N}]+/u).map(fold);
  return [...parts, fold(name)].filter((part) => part.length >= MIN_NAME_PART_LENGTH);
}

function birthDateForms(birthDate: string | undefined): string[] {
  const match = birthDate === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate.trim());
  if (match === null) return [];
  const [, year = '', month = '', day = ''] = match;
  return [
    `${day}${month}${year}`,
    `${day}/${month}/${year}`,
    `${day}-${month}-${year}`,
    `${day}.${month}.${year}`,
    `${year}${month}${day}`,
    `${year}-${month}-${day}`,
    `${day}${month}${year.slice(2)}`,
  ];
}

function personalDataFindings(password: string, context: PasswordContext): string[] {
  const folded = fold(password);
  const findings: string[] = [];
  if (nameFragments(context.lastName).some((part) => folded.includes(part))) {
    findings.push(MESSAGES.containsLastName);
  }
  if (nameFragments(context.firstName).some((part) => folded.includes(part))) {
    findings.push(MESSAGES.containsFirstName);
  }
  if (birthDateForms(context.birthDate).some((form) => password.includes(form))) {
    findings.push(MESSAGES.containsBirthDate);
  }
  return findings;
}
