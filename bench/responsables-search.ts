// Benchmark of the Responsables search (SPEC §4 Responsables — guide §5.1) on a big directory: 200,000 guardian
// accounts, the searched establishment with 2,000 of them. Each variant runs through the service the page calls
// (responsablesSearch: classes, search memory, count and page), after a warm-up; the figures are per call. It
// prints figures; it does not pass or fail.
//
//   npx tsx bench/responsables-search.ts                              # PGlite in memory
//   DATABASE_URL=postgres://… npx tsx bench/responsables-search.ts     # a fresh PostgreSQL database, dropped at the end
//   BENCH_SCALE=0.1 npx tsx bench/responsables-search.ts               # 20,000 accounts (quick run)
//   BENCH_RUNS=50 BENCH_WARMUP=5                                       # calls per variant (200, 20)
//   BENCH_EXPLAIN=1                                                    # then EXPLAIN ANALYZE of each variant's two queries
import { sql, type SQL } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import type { StaffSession } from '../src/admin/auth/session.ts';
import { establishmentClasses, searchResponsables } from '../src/admin/responsables/search-query.ts';
import { parseSearchQuery } from '../src/admin/responsables/search-criteria.ts';
import { responsablesSearch } from '../src/admin/responsables/search-service.ts';
import type { Executor } from '../src/db/client.ts';
import { queryRows } from '../src/db/rows.ts';
import { staffSessions } from '../src/db/schema.ts';
import { buildDirectory, describeDirectory } from './helpers/directory.ts';
import { featuredEstablishment } from './helpers/establishment.ts';
import { figure, machineLoad, percentile, timed } from './helpers/figures.ts';
import { benchInstance } from './helpers/instance.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ACCOUNTS = Math.round(200_000 * SCALE);
const FEATURED_GUARDIANS = Number(process.env.BENCH_GUARDIANS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const TARGET_P95_MS = 100;
// The directory builder's establishments hold 296 guardian accounts on average.
const ESTABLISHMENTS = 1 + Math.max(1, Math.round((ACCOUNTS - FEATURED_GUARDIANS) / 296));

interface Variant {
  name: string;
  /** The query string of GET /admin/responsables, as Fastify parses it. */
  query: Record<string, string | string[]>;
}

function variants(classId: number, familyName: string): Variant[] {
  return [
    { name: 'default criteria (Rechercher)', query: { rechercher: '1' } },
    { name: `text "${familyName}"`, query: { rechercher: '1', texte: familyName } },
    { name: 'text "prenom" (matches every row)', query: { rechercher: '1', texte: 'prenom' } },
    { name: 'one class', query: { rechercher: '1', classe: String(classId) } },
    { name: 'state Non notifié', query: { rechercher: '1', etat: 'non_notifie' } },
    { name: 'sort by Responsable, descending', query: { rechercher: '1', tri: 'responsable', ordre: 'desc' } },
    { name: 'sort by Dernier accès', query: { rechercher: '1', tri: 'acces' } },
    { name: 'page 20', query: { rechercher: '1', page: '20' } },
  ];
}

async function main(): Promise<void> {
  const bench = await benchInstance();
  const db = bench.guichet.database.db;
  try {
    console.log(`Responsables search benchmark on ${bench.guichet.database.description}: ~${ACCOUNTS} guardian accounts, ${ESTABLISHMENTS} establishments`);
    await timed('build the directory (set-based inserts)', () =>
      buildDirectory(db, { establishments: ESTABLISHMENTS, studentScale: 1, featuredGuardians: FEATURED_GUARDIANS, history: true }),
    );
    const built = await describeDirectory(db);
    console.log(`  ${built.students} students, ${built.guardians} guardians, ${built.accounts} accounts, ${built.links} links`);
    const { establishment, staffId } = await featuredEstablishment(db);
    console.log(`  searched: ${establishment.name} (${establishment.uai}), ${built.featured?.students} students, ${built.featured?.guardians} guardian accounts, ${built.featured?.classes} classes`);
    const session = await staffSession(db, staffId, establishment);
    const classes = await establishmentClasses(db, establishment.id);
    const [family] = await queryRows<{ name: string }>(
      db,
      sql`select g.last_name as name from guardians g join guardian_students gs on gs.guardian_id = g.id
          join students s on s.id = gs.student_id where s.establishment_id = ${establishment.id} order by g.id limit 1 offset ${Math.floor((built.featured?.guardians ?? 0) / 2)}`,
    );

    console.log(`\n${RUNS} calls of responsablesSearch per variant after ${WARMUP} warm-up calls (target p95 < ${TARGET_P95_MS} ms; ${machineLoad()})`);
    console.log(`${'variant'.padEnd(40)} ${'rows'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`);
    const list = variants(classes[6]?.id ?? classes[0]!.id, family!.name);
    const slow: Variant[] = [];
    for (const variant of list) {
      let total = 0;
      for (let i = 0; i < WARMUP; i++) await responsablesSearch(bench.admin, session, establishment.id, variant.query);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const view = await responsablesSearch(bench.admin, session, establishment.id, variant.query);
        samples.push(performance.now() - start);
        total = view.result?.total ?? 0;
      }
      samples.sort((a, b) => a - b);
      const p95 = percentile(samples, 95);
      if (p95 >= TARGET_P95_MS) slow.push(variant);
      const ms = (n: number) => n.toFixed(1).padStart(8);
      console.log(`${variant.name.padEnd(40)} ${String(total).padStart(6)} ${ms(percentile(samples, 50))} ${ms(p95)} ${ms(percentile(samples, 99))} ${ms(samples.at(-1)!)}${p95 >= TARGET_P95_MS ? '  ← over target' : ''}`);
    }
    figure('\nvariants over the p95 target', `${slow.length} of ${list.length}`, `(${machineLoad()})`);

    if (EXPLAIN) {
      for (const variant of list) await explain(db, establishment.id, classes.map((c) => c.id), variant);
    }
  } finally {
    await bench.close();
  }
}

/** A live console session for the admin, as loadStaffSession returns it: the search memory is written to it. */
async function staffSession(db: Executor, staffId: number, establishment: StaffSession['establishments'][number]): Promise<StaffSession> {
  const tokenHash = 'bench-session';
  await db.insert(staffSessions).values({ tokenHash, staffId, establishmentId: establishment.id, csrfToken: 'bench', expiresAt: new Date(Date.now() + 3_600_000) });
  return {
    tokenHash,
    staffId,
    displayName: 'Chef du banc d’essai',
    login: 'bench.head',
    csrfToken: 'bench',
    lastSearch: null,
    establishments: [establishment],
    current: establishment,
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the count and page queries searchResponsables sends for the variant. */
async function explain(db: Executor, establishmentId: number, classIds: number[], variant: Variant): Promise<void> {
  const request = parseSearchQuery(variant.query, classIds);
  const captured: SQL[] = [];
  const capturing = { execute: (query: SQL) => (captured.push(query), db.execute(query)) } as unknown as Executor;
  await searchResponsables(capturing, establishmentId, request.criteria, request.page);
  for (const [i, query] of captured.entries()) {
    const plan = await queryRows<Record<string, string>>(db, sql`explain (analyze, buffers) ${query}`);
    console.log(`\n── ${variant.name}: ${i === 0 ? 'count' : 'page'} query`);
    for (const row of plan) console.log(Object.values(row)[0]);
  }
}

await main();
