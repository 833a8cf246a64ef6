// SPEC §5 SMS registration: the person is found by last name, first name and mobile, names compared as people
// type them — without case, accents, ligatures or the difference between a hyphen, an apostrophe and a space.

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** "Lebœuf", "LEBOEUF" and "lebœuf " compare equal; "Dacosta-Lopès" equals "dacosta lopes". */
export function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\s'’‘`´\-‐–.]+/g, ' ')
    .trim();
}

export function sameName(a: string, b: string): boolean {
  const left = comparableName(a);
  return left !== '' && left === comparableName(b);
}
