// Benchmark of the nightly directory import (issue "Nightly directory import"): a generated academy of
// 1,000,000 people (bench/aaf-generate.ts) imported from its AAF files, then the same files again (--again), then
// a delta of 1 %. Prints wall time, CPU time and peak memory (RSS) of each run; it does not pass or fail.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import.ts   # a fresh PostgreSQL database
//   npx tsx bench/import.ts                                                        # PGlite in memory
//   BENCH_PEOPLE=100000 npx tsx bench/import.ts                                    # a smaller academy
//   BENCH_AAF_DIR=/tmp/aaf-bench npx tsx bench/import.ts                           # files already generated
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/rows.ts';
import { openMigratedDatabase } from '../src/main.ts';
import { realmById } from '../src/realms/index.ts';
import { importAafFiles } from '../src/directory/import/run-aaf.ts';
import { formatImportSummary, type ImportSummary } from '../src/directory/import/summary.ts';
import { createTestDatabase } from '../test/helpers/test-database.ts';
import { generateAcademy } from './aaf-generate.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);

/** Peak RSS while `run` runs, sampled every 50 ms (the importer and, on PGlite, the database share the process). */
async function measured(label: string, run: () => Promise<ImportSummary>): Promise<ImportSummary> {
  let peak = process.memoryUsage.rss();
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 50);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const summary = await run();
  clearInterval(sampler);
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(1).padStart(7)} s wall  ` +
      `${((used.user + used.system) / 1e6).toFixed(1).padStart(7)} s CPU  peak RSS ${Math.round(peak / 2 ** 20)} MB, heap ${Math.round(heapPeak / 2 ** 20)} MB  (load ${loadavg()[0]!.toFixed(1)})`,
  );
  return summary;
}

async function main(): Promise<void> {
  const folder = process.env.BENCH_AAF_DIR ?? join(tmpdir(), `guichet-aaf-bench-${PEOPLE}`);
  if (!existsSync(folder) || (await readdir(folder)).length === 0) {
    await mkdir(folder, { recursive: true });
    const start = performance.now();
    await generateAcademy({ out: folder, people: PEOPLE, seed: 1, deltaPercent: 1, date: '2026-09-01' });
    console.log(`generated ${PEOPLE} people in ${folder} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
  const files = (await readdir(folder)).sort();
  const full = files.filter((f) => f.includes('_Complet_')).map((f) => join(folder, f));
  const delta = files.filter((f) => f.includes('_Delta_')).map((f) => join(folder, f));

  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase.target);
  const deps = { db: database.db, clock: () => new Date(), realm: realmById('educonnect') };
  try {
    console.log(`Import benchmark on ${database.description}: ${full.length} full files, ${delta.length} delta files (${folder})`);
    console.log(`process before the first run: RSS ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`);
    const first = await measured('1. full export, first import', () => importAafFiles(deps, full));
    const second = await measured('2. same files again (--again)', () => importAafFiles(deps, full, { again: true }));
    const third = await measured('3. delta of 1 %', () => importAafFiles(deps, delta));
    const [counts] = await queryRows<Record<string, number>>(
      database.db,
      sql`select (select count(*)::int from students) as students, (select count(*)::int from guardians) as guardians,
          (select count(*)::int from staff) as staff, (select count(*)::int from accounts) as accounts`,
    );
    console.log(`database: ${JSON.stringify(counts)}`);
    for (const [title, summary] of [['first', first], ['second', second], ['delta', third]] as const) {
      console.log(`\n--- ${title} run ---\n${formatImportSummary({ ...summary, rejections: summary.rejections.slice(0, 5), warnings: summary.warnings.slice(0, 5) })}`);
    }
  } finally {
    await database.close();
    await testDatabase.drop();
    if (!process.env.BENCH_AAF_DIR && process.env.BENCH_KEEP_FILES !== '1') await rm(folder, { recursive: true, force: true });
  }
}

await main();
