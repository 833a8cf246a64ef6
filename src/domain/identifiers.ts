export type IdentifierFormat =
  | { kind: 'initial-dot-lastname' }
  | { kind: 'lastname-initial-at-domain'; domain: string };

export interface PersonName {
  firstName: string;
  lastName: string;
}

/** Raised when a name has nothing left to build an identifier from (e.g. only punctuation). */
export class InvalidNameError extends Error {
  readonly field: 'firstName' | 'lastName';

  constructor(field: 'firstName' | 'lastName') {
    super(
      field === 'lastName'
        ? 'Le nom de famille ne contient aucune lettre utilisable pour former un identifiant.'
        : 'Le prénom ne contient aucune lettre utilisable pour former un identifiant.',
    );
    this.name = 'InvalidNameError';
    this.field = field;
  }
}

const MAX_LAST_NAME_LENGTH = 20;
const LOCAL_PART = /^[a-z0-9]+(?:\.[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

// NFKD strips accents but leaves these letters whole: they have no decomposition in Unicode.
const LETTER_EXPANSIONS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/** Follows SPEC §3 (identifiers are lower-case ASCII, accents removed). */
export function normalizeNamePart(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[œæßøđðłıþ]/gu, (letter) => LETTER_EXPANSIONS[letter] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

interface NameParts {
  initial: string;
  lastName: string;
}

function nameParts(person: PersonName): NameParts {
  const lastName = normalizeNamePart(person.lastName).slice(0, MAX_LAST_NAME_LENGTH);
  if (lastName === '') throw new InvalidNameError('lastName');
  const initial = normalizeNamePart(person.firstName).charAt(0);
  if (initial === '') throw new InvalidNameError('firstName');
  return { initial, lastName };
}

function normalizeDomain(domain: string): string {
  const normalized = domain.trim().toLowerCase();
  if (!DOMAIN.test(normalized)) {
    throw new RangeError(`Invalid identifier domain: ${JSON.stringify(domain)}`);
  }
  return normalized;
}

/** Follows SPEC §3 (identifier formats `p.nom` and `nomp@domaine`, a number appended when taken). */
export function identifierPattern(
  format: IdentifierFormat,
  person: PersonName,
): { prefix: string; suffix: string } {
  // A LIKE on these parts also finds longer names (j.dupont% matches j.duponte): callers must keep
  // only rows whose middle part is empty or made of digits before picking the next number.
  const { initial, lastName } = nameParts(person);
  switch (format.kind) {
    case 'initial-dot-lastname':
      return { prefix: `${initial}.${lastName}`, suffix: '' };
    case 'lastname-initial-at-domain':
      return { prefix: `${lastName}${initial}`, suffix: `@${normalizeDomain(format.domain)}` };
  }
}

/** Follows SPEC §3 (identifier formats; attempt n ≥ 1 appends n + 1, so the first taken name gets 2). */
export function identifierCandidate(
  format: IdentifierFormat,
  person: PersonName,
  attempt: number,
): string {
  if (!Number.isSafeInteger(attempt) || attempt < 0) {
    throw new RangeError(`Invalid identifier attempt: ${attempt}`);
  }
  const { prefix, suffix } = identifierPattern(format, person);
  return attempt === 0 ? `${prefix}${suffix}` : `${prefix}${attempt + 1}${suffix}`;
}

/** Follows SPEC §3 (identifiers are lower-case ASCII, optionally followed by @ and a domain). */
export function isWellFormedIdentifier(value: string): boolean {
  if (value.length === 0 || value.length > 254) return false;
  const at = value.indexOf('@');
  if (at === -1) return LOCAL_PART.test(value);
  return LOCAL_PART.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1));
}
