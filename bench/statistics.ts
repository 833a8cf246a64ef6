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
import type { Executor } from '../src/db/client.ts';
import { queryRows } from '../src/db/rows.ts';
import { openMigratedDatabase } from '../src/main.ts';
import { computeStatistics, STATISTICS_BATCH_SIZE } from '../src/admin/statistics/compute.ts';
import { createTestDatabase } from '../test/helpers/test-database.ts';

const ESTABLISHMENTS = Number(process.env.BENCH_ESTABLISHMENTS ?? 500);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(3).padStart(8)} s`);
  return result;
}

/**
 * Écoles (7 in 10) of 60–260 students, collèges of 250–650; about 1.5 children per family, 80 % of families
 * with two guardians, 3 % with a child in the next establishment too; account states spread as in a school year
 * under way. Every row is written by one INSERT … SELECT over generate_series.
 */
async function buildDirectory(db: Executor): Promise<void> {
  const run = (text: string) => db.execute(sql.raw(text));
  await run(`insert into academies (code, name) values ('BENCH', 'Académie du banc d''essai')`);
  await run(`insert into levels (code, label, degree, rank)
    select code, code, case when r < 8 then '1D' else '2D' end, r
    from unnest(array['PS','MS','GS','CP','CE1','CE2','CM1','CM2','6E','5E','4E','3E']) with ordinality as t(code, r)
    on conflict (code) do nothing`);
  await run(`create temp table bench_sizes as
    select i, (i % 10) < 7 as ecole,
      greatest(5, round(${SCALE} * case when (i % 10) < 7 then 60 + (i * 37) % 201 else 250 + (i * 53) % 401 end))::int as students
    from generate_series(1, ${ESTABLISHMENTS}) as i`);
  await run(`alter table bench_sizes add column classes int, add column families int, add column student_base int, add column family_base int`);
  await run(`update bench_sizes s set classes = greatest(1, ceil(s.students / 25.0))::int, families = greatest(1, round(s.students / 1.5))::int`);
  await run(`update bench_sizes s set student_base = t.sb, family_base = t.fb from (
      select i, coalesce(sum(students) over (order by i rows between unbounded preceding and 1 preceding), 0)::int as sb,
                coalesce(sum(families) over (order by i rows between unbounded preceding and 1 preceding), 0)::int as fb
      from bench_sizes) t where t.i = s.i`);
  await run(`insert into establishments (id, academy_id, uai, name, kind, degree, sector)
    select s.i, a.id, lpad(s.i::text, 7, '0') || 'B', case when s.ecole then 'ECOLE ' else 'COLLEGE ' end || s.i,
      case when s.ecole then 'ecole' else 'college' end, case when s.ecole then '1D' else '2D' end, 'public'
    from bench_sizes s, academies a where a.code = 'BENCH'`);
  await run(`insert into classes (establishment_id, label)
    select s.i, 'Classe ' || k from bench_sizes s, generate_series(1, s.classes) as k`);
  await run(`insert into students (id, ine, last_name, first_name, birth_date, establishment_id, class_id, level_id)
    select s.student_base + j, 'B' || lpad((s.student_base + j)::text, 10, '0'), 'ELEVE' || (s.student_base + j), 'Prenom', '2015-01-01', s.i,
      c.id, l.id
    from bench_sizes s
    cross join generate_series(1, s.students) as j
    join classes c on c.establishment_id = s.i and c.label = 'Classe ' || (1 + (j - 1) % s.classes)
    join levels l on l.code = (case when s.ecole then (array['PS','MS','GS','CP','CE1','CE2','CM1','CM2'])[1 + ((j - 1) % s.classes) % 8]
                                    else (array['6E','5E','4E','3E'])[1 + ((j - 1) % s.classes) % 4] end)`);
  // Guardian g of family f: ids 2f - 1 and 2f; a family whose number ends in 0 or 5 has one guardian.
  await run(`create temp table bench_guardians as
    select 2 * (s.family_base + f) - k + 1 as id, s.family_base + f as family, s.i as establishment, f as local_family
    from bench_sizes s, generate_series(1, s.families) as f, generate_series(1, 2) as k
    where k = 1 or (s.family_base + f) % 5 <> 0`);
  await run(`insert into accounts (id, kind, identifier, state, origin)
    select md5('bench-' || g.id)::uuid, 'guardian', 'bench.' || g.id,
      (array['non_notifie','non_notifie','non_notifie','non_notifie','notifie','notifie','en_cours','active','active','active'])[1 + g.id % 10],
      case when g.id % 10 < 4 then 'non_renseigne' else 'etablissement' end
    from bench_guardians g`);
  await run(`insert into guardians (id, last_name, first_name, account_id)
    select g.id, 'RESP' || g.family, 'Prenom' || g.id, md5('bench-' || g.id)::uuid from bench_guardians g`);
  await run(`insert into guardian_students (guardian_id, student_id, legal_responsibility)
    select g.id, s.student_base + j, true
    from bench_guardians g
    join bench_sizes s on s.i = g.establishment
    cross join generate_series(g.local_family, s.students, s.families) as j`);
  // Siblings across schools: 3 % of families also have a child in the next establishment.
  await run(`insert into guardian_students (guardian_id, student_id, legal_responsibility)
    select g.id, n.student_base + 1 + (g.local_family % n.students), true
    from bench_guardians g join bench_sizes n on n.i = g.establishment + 1
    where g.family % 33 = 0
    on conflict do nothing`);
  for (const table of ['establishments', 'students', 'guardians']) {
    await run(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  await run('analyze');
}

async function main(): Promise<void> {
  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase.target);
  try {
    console.log(`Statistics benchmark on ${database.description}: ${ESTABLISHMENTS} establishments, scale ${SCALE}`);
    await timed('build the directory (set-based inserts)', () => buildDirectory(database.db));
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
