// SPEC §2–§3, issue "Nightly directory import": whole AAF runs on the synthetic exports of test/fixtures/aaf
// (their README lists every entry): full, next full, delta, broken files, idempotence, continuity, 1D names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { importAafFiles } from '../../src/directory/import/run-aaf.ts';
import { ImportInputError } from '../../src/directory/import/run-common.ts';
import { queryRows } from '../../src/db/rows.ts';
import { importTestbed, type ImportTestbed } from './import-fixture.ts';

const FIXTURES = 'test/fixtures/aaf';
const REAL_FIXTURES = '../shared/fixtures/aaf';

describe('AAF import runs (issue "Nightly directory import")', () => {
  let t: ImportTestbed;
  before(async () => {
    t = await importTestbed();
  });
  after(async () => t?.close());
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.deps.db, query);
  const student = async (jointure: string) =>
    (await rows<{ id: number; uai: string; class: string | null; gone_at: string | null; account_id: string | null; identifier: string | null; first_name: string }>(
      sql`select s.id, e.uai, c.label as class, s.gone_at::text as gone_at, s.account_id, a.identifier, s.first_name
        from students s join establishments e on e.id = s.establishment_id left join classes c on c.id = s.class_id
        left join accounts a on a.id = s.account_id where s.source_key = ${`aaf:ENT2DAIX:${jointure}`}`,
    ))[0];
  const guardianAccount = async (jointure: string) =>
    (await rows<{ identifier: string | null; mobile: string | null; email: string | null; gone_at: string | null }>(
      sql`select a.identifier, g.mobile, g.email, g.gone_at::text as gone_at from guardians g left join accounts a on a.id = g.account_id where g.source_key = ${`aaf:ENT2DAIX:${jointure}`}`,
    ))[0];

  let lucasBefore: Awaited<ReturnType<typeof student>>;
  let inesBefore: Awaited<ReturnType<typeof student>>;

  test('the first full export creates the directory and pre-creates the eligible accounts', async () => {
    const summary = await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-01`]);
    assert.deepEqual(summary.files.map((f) => f.status), ['applied', 'applied', 'applied', 'applied', 'applied']);
    // Structures are read first, then guardians, then students, whatever the alphabetical order.
    assert.deepEqual(summary.files.map((f) => f.name.split('_')[3]), ['EtabEducNat', 'PersRelEleve', 'Eleve', 'Eleve', 'PersEducNat']);
    assert.deepEqual(
      [summary.counts.structure.created, summary.counts.guardian.created, summary.counts.student.created, summary.counts.staff.created],
      [2, 8, 8, 2],
    );
    assert.equal(summary.rejectedTotal, 0);
    // Legal guardians of an eligible child: 7300001, 7300002, 7300003, 7300007, 7300008; not 7300004 (child
    // without INE), 7300005 (child without class), 7300006 (not legal). Students of 2D with INE and class: six.
    assert.deepEqual(summary.accounts, { guardians: 5, students: 6, reattached: 0 });
    assert.equal((await guardianAccount('7300004'))!.identifier, null);
    assert.equal((await guardianAccount('7300006'))!.identifier, null);
    assert.equal((await guardianAccount('7300001'))!.identifier, 's.martin');
    // The ISO-8859-15 file and the &eacute; entity.
    assert.deepEqual(await rows(sql`select first_name from guardians where source_key = 'aaf:ENT2DAIX:7300004'`), [{ first_name: 'Amélie' }]);
    assert.ok(summary.ignoredAttributes.ENTEleveBoursier! > 0, 'unknown attributes are counted');
    const heads = await rows<{ login: string; password_hash: string | null; uai: string }>(
      sql`select s.login, s.password_hash, e.uai from staff s join staff_establishments se on se.staff_id = s.id join establishments e on e.id = se.establishment_id order by 1`,
    );
    assert.deepEqual(heads, [
      { login: 'catherine.moreau', password_hash: null, uai: '0131234W' },
      { login: 'philippe.giraud', password_hash: null, uai: '0132345D' },
    ]);
    const snapshots = await rows<{ n: number }>(sql`select count(*)::int as n from statistics_snapshots`);
    assert.equal(snapshots[0]!.n, 2, 'statistics recomputed after the import');
    lucasBefore = await student('5200001');
    inesBefore = await student('5200003');
  });

  test('the same export again: skipped by default, and with --again it changes nothing', async () => {
    const skipped = await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-01`]);
    assert.ok(skipped.files.every((f) => f.status === 'skipped' && f.reason?.startsWith('déjà importé')));
    const again = await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-01`], { again: true });
    for (const kind of ['structure', 'guardian', 'student', 'staff'] as const) {
      const c = again.counts[kind];
      assert.deepEqual([c.created, c.updated, c.gone], [0, 0, 0], kind);
    }
    assert.deepEqual(again.accounts, { guardians: 0, students: 0, reattached: 0 });
    assert.deepEqual(await student('5200001'), lucasBefore);
  });

  test('the next full export: a move keeps the record and account, the absent are gone with the date', async () => {
    const summary = await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-08`]);
    assert.equal(summary.counts.student.gone, 1);
    assert.equal(summary.counts.guardian.gone, 1);
    const ines = await student('5200003');
    assert.deepEqual({ ...ines, uai: ines!.uai, class: ines!.class }, { ...inesBefore, uai: '0132345D', class: '5E1' });
    assert.equal((await student('5200008'))!.gone_at, '2026-09-08 00:00:00+00');
    assert.equal((await guardianAccount('7300007'))!.gone_at, '2026-09-08 00:00:00+00');
    assert.equal((await guardianAccount('7300001'))!.mobile, '0698765432');
    assert.equal((await student('5200004'))!.class, '6B BIL');
    assert.equal((await guardianAccount('7300009'))!.identifier, 'a.perrin');
    assert.deepEqual(summary.qualification, { unqualified: 2, requalified: 0 });
  });

  test('a delta applies its modify, delete and add entries once; an older delta or full is skipped', async () => {
    const summary = await importAafFiles(t.deps, [`${FIXTURES}/2d-delta-2026-09-09`]);
    assert.deepEqual(summary.files.map((f) => f.status), ['applied', 'applied']);
    assert.equal((await student('5200002'))!.class, '3B');
    assert.ok((await student('5200005'))!.gone_at?.startsWith('2026-09-09'));
    assert.equal((await guardianAccount('7300002'))!.email, 'thomas.martin@example.org');
    assert.equal((await student('5200010'))!.identifier, 't.nguyen');
    assert.equal((await guardianAccount('7300010'))!.identifier, 'm.nguyen');

    const twice = await importAafFiles(t.deps, [`${FIXTURES}/2d-delta-2026-09-09`], { again: true });
    assert.ok(twice.files.every((f) => f.status === 'applied'));
    const older = await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-01`], { again: true });
    assert.ok(older.files.every((f) => f.status === 'skipped' && /plus ancien/.test(f.reason!)), JSON.stringify(older.files));
  });

  test('a path that does not exist stops the run with one sentence', async () => {
    await assert.rejects(importAafFiles(t.deps, ['/nowhere/aaf']), (error: unknown) => error instanceof ImportInputError && /n'existe pas/.test((error as Error).message));
  });
});

describe('AAF import of broken files (issue "Nightly directory import", bad input)', () => {
  let t: ImportTestbed;
  before(async () => {
    t = await importTestbed();
    await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-01`]);
  });
  after(async () => t?.close());

  test('a file that cannot be parsed changes nothing; bad records are rejected with file and line, the rest goes on', async () => {
    const before = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from students`);
    const summary = await importAafFiles(t.deps, [`${FIXTURES}/bad`]);
    const byName = new Map(summary.files.map((f) => [f.name, f]));
    assert.equal(byName.get('ENT2DAIX_Complet_20260901_Eleve_0100.xml')!.status, 'failed');
    assert.match(byName.get('ENT2DAIX_Complet_20260901_Eleve_0100.xml')!.reason!, /n'est pas un fichier XML/);
    assert.equal(byName.get('ENT2DAIX_Complet_20260901_Eleve_0101.xml')!.status, 'failed');
    assert.match(byName.get('ENT2DAIX_Complet_20260901_Eleve_0101.xml')!.reason!, /tronqué/);
    assert.deepEqual(
      summary.rejections.map((r) => [r.at.file, r.at.line]).sort((a, b) => Number(a[1]) - Number(b[1])),
      [28, 43, 79, 97].map((line) => ['ENT2DAIX_Complet_20260901_Eleve_0102.xml', line]),
    );
    // 5300001 (also in the truncated file, rolled back), 5300004 and 5300007 from the readable file.
    assert.equal(summary.counts.student.created, 3);
    const after = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from students`);
    assert.equal(after[0]!.n, before[0]!.n + 3);
    // A failed file of a full export: nobody is marked gone for that kind.
    assert.equal(summary.counts.student.gone, 0);
  });
});

describe('AAF import of a 1D export (ONDE names) and of the real sample files', () => {
  let t: ImportTestbed;
  before(async () => {
    t = await importTestbed();
  });
  after(async () => t?.close());

  test('1D: écoles, classes, levels; guardians get accounts, 1D students do not (EduConnect)', async () => {
    const summary = await importAafFiles(t.deps, [`${FIXTURES}/1d-full-2026-09-01`]);
    assert.equal(summary.rejectedTotal, 0, JSON.stringify(summary.rejections));
    assert.deepEqual([summary.counts.structure.created, summary.counts.student.created, summary.counts.guardian.created, summary.counts.staff.created], [1, 4, 5, 1]);
    // 9100004 has no INE: her guardians 9200004/9200005 get no account; the others do.
    assert.deepEqual(summary.accounts, { guardians: 3, students: 0, reattached: 0 });
    const levels = await queryRows<{ code: string }>(t.deps.db, sql`select distinct l.code from students s join levels l on l.id = s.level_id order by 1`);
    assert.deepEqual(levels.map((l) => l.code), ['CE1', 'CM2', 'CP', 'GS']);
  });

  test('a full 2D export marks gone only its own stream: the 1D people stay', async () => {
    await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-01`]);
    const summary = await importAafFiles(t.deps, [`${FIXTURES}/2d-full-2026-09-08`]);
    assert.equal(summary.counts.student.gone, 1);
    const oneD = await queryRows<{ gone: number }>(t.deps.db, sql`select count(*) filter (where gone_at is not null)::int as gone from students where source_key like 'aaf:ENT1DAIX:%'`);
    assert.equal(oneD[0]!.gone, 0);
  });

  test('the real AAF samples (entcore test data) import when present', { skip: !existsSync(REAL_FIXTURES) && 'fixtures absent' }, async () => {
    const summary = await importAafFiles(t.deps, [`${REAL_FIXTURES}/positions-before-2024`, `${REAL_FIXTURES}/feeder-test-2020`]);
    assert.ok(summary.files.every((f) => f.status === 'applied'), JSON.stringify(summary.files));
    const uai = await queryRows<{ uai: string; name: string }>(t.deps.db, sql`select uai, name from establishments where uai = '0123456A'`);
    assert.equal(uai.length, 1);
    // The 2020 student points at structures absent from these files: rejected with its line, not fatal.
    assert.ok(summary.rejections.some((r) => r.at.file === 'ENT_Complet_20200101_Eleve_0000.xml'));
    const after = await importAafFiles(t.deps, [`${REAL_FIXTURES}/positions-after-2024`]);
    assert.ok(after.files.every((f) => f.status === 'applied'), JSON.stringify(after.files));
  });
});
