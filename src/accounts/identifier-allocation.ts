// SPEC §3: identifiers are unique under concurrency — the unique index decides, and a taken candidate is retried;
// never a read-then-write race. Allocation is per batch: one read of the taken names, one multi-row insert.
import { sql } from 'drizzle-orm';
import { identifierCandidate, identifierPattern, type IdentifierFormat, type PersonName } from '../domain/identifiers.ts';
import type { Executor } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

const MAX_ROUNDS = 20;

/**
 * Inserts one row per request with a free identifier. `insert` runs the multi-row INSERT … ON CONFLICT
 * (identifier) DO NOTHING and returns the identifiers it wrote; rows that lost a race get the next number.
 */
export async function insertWithFreeIdentifiers<T extends { person: PersonName; format: IdentifierFormat }>(
  db: Executor,
  requests: readonly T[],
  insert: (rows: Array<{ request: T; identifier: string }>) => Promise<Set<string>>,
): Promise<Map<T, string>> {
  const allocated = new Map<T, string>();
  let pending = [...requests];
  const nextAttempt = new Map<T, number>(requests.map((r) => [r, 0]));
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS) throw new Error("Impossible d'attribuer un identifiant libre après plusieurs essais.");
    const taken = await takenIdentifiers(db, pending);
    const chosenNow = new Set<string>();
    const rows = pending.map((request) => {
      let attempt = nextAttempt.get(request)!;
      let candidate = identifierCandidate(request.format, request.person, attempt);
      while (taken.has(candidate) || chosenNow.has(candidate)) candidate = identifierCandidate(request.format, request.person, ++attempt);
      nextAttempt.set(request, attempt + 1);
      chosenNow.add(candidate);
      return { request, identifier: candidate };
    });
    const written = await insert(rows);
    pending = [];
    for (const row of rows) {
      if (written.has(row.identifier)) allocated.set(row.request, row.identifier);
      else pending.push(row.request);
    }
  }
  return allocated;
}

/**
 * Identifiers already used that share a stem with one of the requests: one query for the whole batch, an equality
 * on the indexed stem column (accounts.identifier_stem), so a batch reads only its own names among a million.
 */
async function takenIdentifiers(db: Executor, requests: ReadonlyArray<{ person: PersonName; format: IdentifierFormat }>) {
  const stems = [...new Set(requests.map((r) => {
    const { prefix, suffix } = identifierPattern(r.format, r.person);
    return `${prefix}${suffix}`;
  }))];
  const rows = await queryRows<{ identifier: string }>(db, sql`select identifier from accounts where identifier_stem = any(${sql.param(stems)}::text[])`);
  return new Set(rows.map((r) => r.identifier));
}
