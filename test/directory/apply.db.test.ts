// SPEC §2–§3: the database step of the import — upserts, continuity, gone marking, eligibility, retention.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { DirectoryChange } from '../../src/directory/changes.ts';
import { applyBatch } from '../../src/directory/import/apply-batch.ts';
import { markAbsentGone, openRun } from '../../src/directory/import/run-ledger.ts';
import { precreateEligibleAccounts } from '../../src/directory/import/precreate-eligible.ts';
import { refreshQualification } from '../../src/directory/import/qualification.ts';
import { purgeExpiredPeople } from '../../src/directory/retention.ts';
import { queryRows } from '../../src/db/rows.ts';
import { guardian, importTestbed, legal, structure, student, type ImportTestbed } from './import-fixture.ts';

describe('directory import, database step (SPEC §2–§3)', () => {
  let t: ImportTestbed;
  before(async () => {
    t = await importTestbed();
  });
  after(async () => t?.close());

  const apply = async (changes: DirectoryChange[], options: { full?: boolean; runId?: number; exportDate?: string } = {}) => {
    const runId = options.runId ?? (await openRun(t.deps.db, 'aaf', t.deps.clock()));
    return t.deps.db.transaction((tx) =>
      applyBatch({ tx, runId, full: options.full ?? false, exportDate: new Date(options.exportDate ?? '2026-09-01'), now: t.deps.clock(), defaultAcademyCode: 'AAF' }, changes),
    );
  };
  const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(t.deps.db, query))[0]!;

  const academy: DirectoryChange[] = [
    structure('aaf:1', { uai: '0130001A', classes: ['6A', '6B'] }),
    structure('aaf:2', { uai: '0130002B', name: 'CLG PRIVE', sector: 'private' }),
    guardian('aaf:g1', { lastName: 'Martin', firstName: 'Claire', email: 'claire@example.org' }),
    guardian('aaf:g2', { lastName: 'Martin', firstName: 'Paul' }),
    guardian('aaf:g3', { lastName: 'Durand', firstName: 'Zoé' }),
    student('aaf:s1', { ine: '111111111AA', guardians: [legal('aaf:g1'), legal('aaf:g2')] }),
    student('aaf:s2', { ine: '222222222BB', firstName: 'Inès', classLabel: '6B', guardians: [legal('aaf:g1'), legal('aaf:g3', false)] }),
    // Not eligible: no INE; its only legal guardian gets no account.
    student('aaf:s3', { ine: null, lastName: 'Durand', firstName: 'Tom', guardians: [legal('aaf:g3')] }),
  ];

  test('a first import creates everything; the same changes again change nothing', async () => {
    const first = await apply(academy);
    assert.deepEqual(first.rejections, []);
    assert.deepEqual(
      [first.counts.structure.created, first.counts.guardian.created, first.counts.student.created],
      [2, 3, 3],
    );
    const classes = await one<{ n: number }>(sql`select count(*)::int as n from classes`);
    assert.equal(classes.n, 2);
    const links = await one<{ n: number; legal: number }>(sql`select count(*)::int as n, count(*) filter (where legal_responsibility)::int as legal from guardian_students`);
    assert.deepEqual(links, { n: 5, legal: 4 });

    const again = await apply(academy);
    assert.deepEqual([again.counts.structure.unchanged, again.counts.guardian.unchanged, again.counts.student.unchanged], [2, 3, 3]);
    assert.deepEqual([again.counts.student.created, again.counts.student.updated, again.counts.guardian.updated], [0, 0, 0]);
  });

  test('eligible legal guardians and 2D students get one account each, never twice', async () => {
    const outcome = await precreateEligibleAccounts(t.deps);
    // g1, g2 (legal for eligible s1/s2); not g3 (legal only for s3 who has no INE). Students s1, s2 (2D, eligible).
    assert.deepEqual({ guardians: outcome.guardians, students: outcome.students }, { guardians: 2, students: 2 });
    const accounts = await queryRows<{ identifier: string; state: string; origin: string; email: string | null }>(
      t.deps.db,
      sql`select a.identifier, a.state, a.origin, a.email from accounts a join guardians g on g.account_id = a.id order by g.source_key`,
    );
    assert.deepEqual(accounts, [
      { identifier: 'c.martin', state: 'non_notifie', origin: 'non_renseigne', email: 'claire@example.org' },
      { identifier: 'p.martin', state: 'non_notifie', origin: 'non_renseigne', email: null },
    ]);
    const again = await precreateEligibleAccounts(t.deps);
    assert.deepEqual({ guardians: again.guardians, students: again.students }, { guardians: 0, students: 0 });
  });

  test('a modify entry changes only what it names; a student changing school keeps the record and account', async () => {
    const before = await one<{ id: number; account_id: string }>(sql`select id, account_id from students where source_key = 'aaf:s1'`);
    const modify: DirectoryChange[] = [
      { kind: 'student', key: 'aaf:s1', at: { file: 'd.xml', line: 7 }, operation: 'modify', fields: { structureKey: 'aaf:2', classLabel: '5C' } },
      { kind: 'guardian', key: 'aaf:g2', at: { file: 'd.xml', line: 9 }, operation: 'modify', fields: { mobile: '06 12 34 56 78' } },
      { kind: 'student', key: 'aaf:nobody', at: { file: 'd.xml', line: 11 }, operation: 'modify', fields: { lastName: 'X' } },
    ];
    const outcome = await apply(modify);
    assert.deepEqual(outcome.rejections, [{ at: { file: 'd.xml', line: 11 }, key: 'aaf:nobody', reason: "modification d'un élève inconnu : nobody" }]);
    const after = await one<{ id: number; account_id: string; uai: string; label: string; first_name: string; links: number }>(
      sql`select s.id, s.account_id, e.uai, c.label, s.first_name,
          (select count(*)::int from guardian_students gs where gs.student_id = s.id) as links
        from students s join establishments e on e.id = s.establishment_id join classes c on c.id = s.class_id where s.source_key = 'aaf:s1'`,
    );
    assert.deepEqual(after, { id: before.id, account_id: before.account_id, uai: '0130002B', label: '5C', first_name: 'Léo', links: 2 });
    assert.equal((await one<{ mobile: string }>(sql`select mobile from guardians where source_key = 'aaf:g2'`)).mobile, '06 12 34 56 78');
  });

  test('a student pointing at an unknown structure is rejected with its file and line; the batch goes on', async () => {
    const outcome = await apply([
      { ...student('aaf:s9', { structureKey: 'aaf:999' }), at: { file: 'ENT_Delta_Eleve.xml', line: 42 } },
      student('aaf:s10', { ine: '101010101AA', firstName: 'Nina' }),
    ]);
    assert.deepEqual(outcome.rejections.map((r) => [r.at.file, r.at.line, r.reason]), [['ENT_Delta_Eleve.xml', 42, 'établissement de rattachement inconnu : 999']]);
    assert.equal(outcome.counts.student.created, 1);
  });

  test('continuity by INE: the same student under a new key (another academy) keeps their record', async () => {
    const before = await one<{ id: number }>(sql`select id from students where source_key = 'aaf:s10'`);
    const outcome = await apply([student('aaf:other-academy-77', { ine: '101010101AA', firstName: 'Nina' })]);
    assert.deepEqual(outcome.rejections, []);
    const after = await one<{ id: number; source_key: string }>(sql`select id, source_key from students where ine = '101010101AA'`);
    assert.deepEqual(after, { id: before.id, source_key: 'aaf:other-academy-77' });
  });

  test('a full export marks gone what it does not list, with its date; a delete entry too', async () => {
    const runId = await openRun(t.deps.db, 'aaf', t.deps.clock());
    await apply(academy.filter((c) => c.key !== 'aaf:s2' && c.kind === 'student'), { full: true, runId });
    const gone = await t.deps.db.transaction((tx) => markAbsentGone(tx, runId, 'student', ['aaf:'], new Date('2026-09-08T00:00:00Z')));
    assert.equal(gone, 2); // s2 and aaf:other-academy-77, not listed
    const s2 = await one<{ gone_at: Date }>(sql`select gone_at from students where source_key = 'aaf:s2'`);
    assert.equal(new Date(s2.gone_at).toISOString(), '2026-09-08T00:00:00.000Z');
    const deleted = await apply([{ kind: 'student', key: 'aaf:s3', at: { file: 'd.xml', line: 3 }, operation: 'delete' }]);
    assert.equal(deleted.counts.student.deleted, 1);
    // Listed again later: no longer gone (continuity).
    await apply([academy.find((c) => c.key === 'aaf:s2')!]);
    assert.equal((await one<{ gone_at: Date | null }>(sql`select gone_at from students where source_key = 'aaf:s2'`)).gone_at, null);
  });

  test('retention: an account whose people stopped qualifying is purged after the period, not before', async () => {
    // s1 leaves: its account stops qualifying; g2 (only child s1) too; g1 still has s2.
    await apply([{ kind: 'student', key: 'aaf:s1', at: { file: 'd.xml', line: 1 }, operation: 'delete' }]);
    const marked = await refreshQualification(t.deps.db, t.deps.realm, t.deps.clock());
    assert.equal(marked.unqualified, 2); // s1's student account and p.martin
    const early = await purgeExpiredPeople({ db: t.deps.db, clock: () => new Date('2026-11-01T00:00:00Z'), retentionMonths: 3 });
    assert.deepEqual(early.accounts, { guardian: 0, student: 0 });
    const late = await purgeExpiredPeople({ db: t.deps.db, clock: () => new Date('2026-12-03T00:00:00Z'), retentionMonths: 3 });
    assert.deepEqual(late.accounts, { guardian: 1, student: 1 });
    const identifiers = (await queryRows<{ identifier: string }>(t.deps.db, sql`select identifier from accounts where kind = 'guardian' order by 1`)).map((r) => r.identifier);
    assert.deepEqual(identifiers, ['c.martin']);
    const audit = await one<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'account.purged'`);
    assert.equal(audit.n, 2);
  });
});
