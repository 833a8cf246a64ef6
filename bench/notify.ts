// Benchmark of a bulk (re)notification (SPEC §4 (Re)notify — guide §5.3) for a big establishment: 2,000 guardian
// accounts in a directory of ~150,000. It prints figures; it does not pass or fail.
//   (a) by sheets: distributeCredentials, then the batch's PDF rendered as the download route renders it
//       (target: the PDF ready in under 5 s);
//   (b) by e-mail: distributeCredentials, then the real outbox worker (pg-boss) sending through smtpTransport
//       to an SMTP peer on 127.0.0.1 that accepts everything, until every outbox row is `sent`.
//
//   npx tsx bench/notify.ts                              # PGlite in memory
//   DATABASE_URL=postgres://… npx tsx bench/notify.ts     # a fresh PostgreSQL database, dropped at the end
//   BENCH_GUARDIANS=500 BENCH_ESTABLISHMENTS=50 npx tsx bench/notify.ts   # a quick run
//   BENCH_SEND_TIMEOUT=600                               # seconds (b) waits for the outbox at most (900)
//   BENCH_SMTP_POOL=1                                    # (b) with SMTP_URL=smtp://…/?pool=true (nodemailer reuses connections)
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { distributeCredentials, type DistributionOutcome, type DistributionRequest } from '../src/admin/notify/distribute-credentials.ts';
import { lettersPdf } from '../src/admin/notify/letters-download.ts';
import { queryRows } from '../src/db/rows.ts';
import { buildDirectory, describeDirectory } from './helpers/directory.ts';
import { featuredEstablishment, visibleAccountIds, type FeaturedEstablishment } from './helpers/establishment.ts';
import { figure, machineLoad, timed } from './helpers/figures.ts';
import { benchInstance, type BenchInstance } from './helpers/instance.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

const GUARDIANS = Number(process.env.BENCH_GUARDIANS ?? 2000);
const ESTABLISHMENTS = Number(process.env.BENCH_ESTABLISHMENTS ?? 500);
const SEND_TIMEOUT_S = Number(process.env.BENCH_SEND_TIMEOUT ?? 900);
const SMTP_POOL = process.env.BENCH_SMTP_POOL === '1';
const PDF_TARGET_S = 5;

async function distribute(bench: BenchInstance, featured: FeaturedEstablishment, accountIds: string[], channel: DistributionRequest['channel']) {
  const outcome: DistributionOutcome = await distributeCredentials(bench.admin, {
    establishment: featured.establishment,
    staffId: featured.staffId,
    accountIds,
    channel,
    reset: false,
    requestId: randomUUID(),
  });
  if (outcome.kind !== 'done') throw new Error(`distribution not done: ${outcome.kind}`);
  return outcome;
}

async function bySheets(bench: BenchInstance, featured: FeaturedEstablishment, accountIds: string[]): Promise<void> {
  console.log(`\n(a) ${accountIds.length} accounts notified by sheets, then the PDF (${machineLoad()})`);
  const service = await timed('  distributeCredentials (one transaction)', () => distribute(bench, featured, accountIds, 'sheet'));
  const pdf = await timed('  PDF for the batch (lettersPdf, as the route)', async () => {
    const file = await lettersPdf(bench.admin, { batchId: service.result.batchId, staffId: featured.staffId, establishment: featured.establishment });
    if (!file) throw new Error('no PDF for the batch');
    return file;
  });
  const pageObjects = pdf.result.body.toString('latin1').match(/\/Type \/Page\n/g)?.length ?? 0;
  figure('  PDF size', `${(pdf.result.body.length / 1024 / 1024).toFixed(2)} MiB`);
  figure('  PDF pages (letters / page objects)', `${pdf.result.pages} / ${pageObjects}`);
  const whole = service.seconds + pdf.seconds;
  figure(`  whole, PDF ready (target < ${PDF_TARGET_S} s)`, `${whole.toFixed(3)} s`);
  figure('  letters per second (whole)', (accountIds.length / whole).toFixed(0));
}

async function byEmail(bench: BenchInstance, featured: FeaturedEstablishment, accountIds: string[], sink: SmtpSink): Promise<void> {
  console.log(`\n(b) ${accountIds.length} accounts notified by e-mail, sent by the outbox worker over SMTP (127.0.0.1${SMTP_POOL ? ', ?pool=true' : ''}; ${machineLoad()})`);
  const db = bench.guichet.database.db;
  const start = performance.now();
  const service = await timed('  distributeCredentials (one transaction)', () => distribute(bench, featured, accountIds, 'email'));
  const queued = service.result.details.notified;
  figure('  messages queued in the outbox', String(queued));
  const committed = performance.now();
  let counts = { sent: 0, failed: 0 };
  const deadline = committed + SEND_TIMEOUT_S * 1000;
  let lastReport = committed;
  while (counts.sent + counts.failed < queued && performance.now() < deadline) {
    await sleep(200);
    [counts = counts] = await queryRows<{ sent: number; failed: number }>(
      db,
      sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed from outbox`,
    );
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      console.log(`    … ${counts.sent} sent after ${((lastReport - committed) / 1000).toFixed(0)} s`);
    }
  }
  const drained = (performance.now() - committed) / 1000;
  if (counts.sent < queued) figure(`  NOT all sent within ${SEND_TIMEOUT_S} s: sent / failed`, `${counts.sent} / ${counts.failed}`);
  figure('  every outbox row sent, after the commit', `${drained.toFixed(3)} s`);
  figure('  from the admin’s click to the last hand-over', `${((performance.now() - start) / 1000).toFixed(3)} s`);
  figure('  messages per second (worker)', (counts.sent / drained).toFixed(1));
  figure('  messages the SMTP peer accepted', String(sink.received()));
  console.log(`  (${machineLoad()})`);
}

async function main(): Promise<void> {
  const sink = await startSmtpSink();
  const bench = await benchInstance({ SMTP_URL: SMTP_POOL ? `${sink.url}/?pool=true` : sink.url });
  const db = bench.guichet.database.db;
  try {
    console.log(`Notify benchmark on ${bench.guichet.database.description}: ${ESTABLISHMENTS} establishments, one of them with ${GUARDIANS} guardian accounts`);
    await timed('build the directory (set-based inserts)', () =>
      buildDirectory(db, { establishments: ESTABLISHMENTS, studentScale: 1, featuredGuardians: GUARDIANS, history: true }),
    );
    const built = await describeDirectory(db);
    console.log(`  ${built.students} students, ${built.guardians} guardians, ${built.accounts} accounts, ${built.links} links`);
    const featured = await featuredEstablishment(db);
    // Every guardian of the featured establishment has an address, so that (b) sends to all of them.
    await db.execute(sql`update accounts a set email = a.identifier || '@example.org'
      where a.id in (select g.account_id from guardians g join guardian_students gs on gs.guardian_id = g.id
                      join students s on s.id = gs.student_id where s.establishment_id = ${featured.establishment.id})`);
    const accountIds = await visibleAccountIds(db, featured.establishment.id);
    console.log(`  ${featured.establishment.name} (${featured.establishment.uai}): ${built.featured?.students} students, ${accountIds.length} guardian accounts`);

    await bySheets(bench, featured, accountIds);
    await byEmail(bench, featured, accountIds, sink);
  } finally {
    await bench.close();
    await sink.close();
  }
}

await main();
