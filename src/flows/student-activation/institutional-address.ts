// Seed 003: the recovery address must be "différente de votre adresse mail identifiant@monbureaunumerique.fr" —
// an address of the establishment's own system cannot help someone who lost access to it.
import type { Realm } from '../../realms/realm.ts';

/**
 * Mail domains of the institutional systems a realm's students already have an address in, beyond the one
 * their identifier is built on. (Candidate for a realm setting: `student.institutionalDomains`.)
 */
const INSTITUTIONAL_DOMAINS: Readonly<Record<Realm['id'], readonly string[]>> = {
  educonnect: ['monbureaunumerique.fr'],
  eduprovence: [],
};

export function institutionalDomains(realm: Realm): string[] {
  const format = realm.populations.student?.identifierFormat;
  return [...(format?.kind === 'lastname-initial-at-domain' ? [format.domain] : []), ...INSTITUTIONAL_DOMAINS[realm.id]];
}

/** SPEC §5 student activation: the identifier itself (as an address) or any address at an institutional domain. */
export function isInstitutionalAddress(realm: Realm, identifier: string, address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === identifier.toLowerCase()) return true;
  const domain = lower.slice(lower.lastIndexOf('@') + 1);
  return institutionalDomains(realm).some((d) => domain === d || domain.endsWith(`.${d}`));
}
