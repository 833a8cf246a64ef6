import { educonnect } from './educonnect.ts';
import { eduprovence } from './eduprovence.ts';
import type { Population, Realm, SupportContact, EstablishmentKind, Sector } from './realm.ts';

export type { Realm, Population } from './realm.ts';

export const REALMS = { educonnect, eduprovence } as const;
export type RealmId = keyof typeof REALMS;

export function realmById(id: RealmId): Realm {
  return REALMS[id];
}

/** The settings of a population in a realm, or an explicit refusal when the realm does not serve it. */
export function populationSettings(realm: Realm, population: Population) {
  const settings = realm.populations[population];
  if (!settings) throw new Error(`Le domaine ${realm.displayName} ne gère pas de comptes « ${population} ».`);
  return settings;
}

/** Seed 001: the first contact that matches the establishment's kind and sector. */
export function supportContactFor(realm: Realm, kind: EstablishmentKind, sector: Sector): SupportContact | undefined {
  return realm.support.contacts.find(
    (c) => (c.kinds === 'all' || c.kinds.includes(kind)) && (c.sector === undefined || c.sector === sector),
  );
}
