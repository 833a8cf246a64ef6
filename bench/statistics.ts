// Benchmark of the nightly statistics (SPEC §4 Statistiques): a directory of 500 establishments of realistic
// sizes (~150k guardian accounts) built with set-based SQL, then every snapshot recomputed. It prints figures;
// it does not pass or fail.
//
//   npx tsx bench/statistics.ts                              # PGlite in memory
//   DATABASE_URL=postgres://… npx tsx bench/statistics.ts     # a fresh PostgreSQL database, dropped at the end
//   BENCH_SCALE=0.1 npx tsx bench/statistics.ts               # a tenth of the students (quick run)
//   BENCH_ESTABLISHMENTS=100 npx tsx bench/statistics.ts
import { sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { queryRows } from '../src/db/rows.ts';
import { openMigratedDatabase } from '../src/main.ts';
import { computeStatistics, STATISTICS_BATCH_SIZE } from '../src/admin/statistics/compute.ts';
import { createTestDatabase } from '../test/helpers/test-database.ts';
import { buildDirectory } from './helpers/directory.ts';

const ESTABLISHMENTS = Number(process.env.BENCH_ESTABLISHMENTS ?? 500);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(3).padStart(8)} s`);
  return result;
}

async function main(): Promise<void> {
  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase.target);
  try {
    console.log(`Statistics benchmark on ${database.description}: ${ESTABLISHMENTS} establishments, scale ${SCALE}`);
    await timed('build the directory (set-based inserts)', () => buildDirectory(database.db, { establishments: ESTABLISHMENTS, studentScale: SCALE }));
    const [counts] = await queryRows<{ students: number; guardians: number; accounts: number; links: number }>(
      database.db,
      sql`select (select count(*)::int from students) as students, (select count(*)::int from guardians) as guardians,
                 (select count(*)::int from accounts) as accounts, (select count(*)::int from guardian_students) as links`,
    );
    console.log(`  ${counts!.students} students, ${counts!.guardians} guardians, ${counts!.accounts} accounts, ${counts!.links} links`);
    const now = new Date();
    const all = await timed(`recompute all (batches of ${STATISTICS_BATCH_SIZE}), 1st run`, () => computeStatistics(database.db, 'all', now));
    await timed(`recompute all (batches of ${STATISTICS_BATCH_SIZE}), 2nd run`, () => computeStatistics(database.db, 'all', now));
    console.log(`  ${all.establishments} snapshots in ${all.batches} batches`);
    const largest = await queryRows<{ id: number; students: number }>(
      database.db,
      sql`select establishment_id as id, count(*)::int as students from students group by 1 order by 2 desc limit 1`,
    );
    await timed(`recompute one establishment (${largest[0]!.students} students)`, () => computeStatistics(database.db, [largest[0]!.id], now));
  } finally {
    await database.close();
    await testDatabase.drop();
  }
}

await main();
