import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { checkCredentials } from '../accounts/credentials.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { verifyPasswordHash } from '../accounts/password-hash.ts';
import { createSecretBox } from '../accounts/secret-box.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { queryRows } from '../db/rows.ts';
import { ACCOUNT_ORIGINS, ACCOUNT_STATE_LABELS, ACCOUNT_STATES } from '../domain/account-state.ts';
import { checkPassword } from '../domain/password-policy.ts';
import { realmById, type RealmId } from '../realms/index.ts';
import { seededRandomInt } from './names.ts';
import { createTestDatabase } from '../../test/helpers/test-database.ts';
import { DEMO_STAFF_PASSWORD, demoCredentials, isDemoSeeded, seedDemo, type DemoSummary } from './seed-demo.ts';

const NOW = new Date('2026-11-23T08:00:00Z');

async function freshDeps(realm: RealmId): Promise<{ handle: DatabaseHandle; deps: AccountsDeps }> {
  const testDb = await createTestDatabase();
  const opened = await openDatabase(testDb.target);
  await runMigrations(opened);
  const handle = { ...opened, close: async () => (await opened.close(), await testDb.drop()) };
  const deps: AccountsDeps = {
    db: handle.db,
    clock: () => NOW,
    randomInt: seededRandomInt(7),
    secretBox: createSecretBox('x'.repeat(32)),
    realm: realmById(realm),
  };
  return { handle, deps };
}

/** The people and identifiers, without ids or timestamps: what must not change from one run to the next. */
async function snapshot(deps: AccountsDeps) {
  return {
    students: await queryRows(deps.db, sql`select source_key, ine, last_name, first_name, birth_date, definitively_admitted from students order by source_key`),
    guardians: await queryRows(deps.db, sql`select source_key, last_name, first_name, email, mobile from guardians order by source_key`),
    accounts: await queryRows(deps.db, sql`select a.identifier, a.kind, a.state, a.origin,
        coalesce(g.source_key, s.source_key) as person
      from accounts a left join guardians g on g.account_id = a.id left join students s on s.account_id = a.id
      order by a.identifier`),
  };
}

describe('seed-demo, educonnect', () => {
  let first: { handle: DatabaseHandle; deps: AccountsDeps };
  let summary: DemoSummary;
  let elapsedMs: number;

  before(async () => {
    first = await freshDeps('educonnect');
    const started = performance.now();
    summary = await seedDemo(first.deps);
    elapsedMs = performance.now() - started;
  });
  after(() => first.handle.close());

  test('counts: one academy, three establishments, about 300 students and 450 guardians, two heads', async () => {
    console.log(`seed-demo (educonnect) en ${Math.round(elapsedMs)} ms :`, JSON.stringify(summary));
    assert.equal(await isDemoSeeded(first.deps.db), true);
    assert.equal(summary.establishments, 3);
    assert.ok(summary.students >= 270 && summary.students <= 330, `students: ${summary.students}`);
    assert.ok(summary.guardians >= 400 && summary.guardians <= 520, `guardians: ${summary.guardians}`);
    assert.equal(summary.staff, 2);
    for (const state of ACCOUNT_STATES) assert.ok(summary.accountsByState[state] > 0, state);
    for (const origin of ACCOUNT_ORIGINS) assert.ok(summary.accountsByOrigin[origin] > 0, origin);
    assert.ok(summary.accountsByState.non_notifie >= 0.2 * Object.values(summary.accountsByState).reduce((a, b) => a + b));
    const [audit] = await queryRows<{ n: number }>(first.deps.db, sql`select count(*)::int as n from audit_events where action = 'demo.seeded' and actor_kind = 'system'`);
    assert.equal(audit!.n, 1);
  });

  test('directory: valid UAIs, siblings across establishments, guardians without e-mail or mobile, non-legal contacts', async () => {
    const db = first.deps.db;
    const uais = await queryRows<{ uai: string }>(db, sql`select uai from establishments`);
    for (const { uai } of uais) assert.match(uai, /^[0-9]{7}[A-Z]$/);
    const [cross] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (
        select gs.guardian_id from guardian_students gs join students s on s.id = gs.student_id
        group by gs.guardian_id having count(distinct s.establishment_id) > 1) x`);
    assert.ok(cross!.n >= 5, `guardians across establishments: ${cross!.n}`);
    const [twoSchoolsAccount] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (
        select g.account_id from guardians g join guardian_students gs on gs.guardian_id = g.id join students s on s.id = gs.student_id
        where g.account_id is not null group by g.account_id having count(distinct s.establishment_id) > 1) x`);
    assert.ok(twoSchoolsAccount!.n > 0);
    const [people] = await queryRows<{ no_email: number; no_mobile: number; total: number; contacts: number; bad_email: number }>(
      db,
      sql`select count(*) filter (where email is null)::int as no_email, count(*) filter (where mobile is null)::int as no_mobile,
          count(*)::int as total,
          (select count(*)::int from guardian_students where not legal_responsibility) as contacts,
          count(*) filter (where email is not null and email !~ '@example\\.(org|net)$')::int as bad_email
        from guardians`,
    );
    assert.ok(people!.no_email > 0.08 * people!.total && people!.no_email < 0.25 * people!.total);
    assert.ok(people!.no_mobile > 0.05 * people!.total && people!.no_mobile < 0.2 * people!.total);
    assert.ok(people!.contacts > 0);
    assert.equal(people!.bad_email, 0);
    // Two references of one person: same names and mobile, two accounts.
    const [twoReferences] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (
        select last_name, first_name, mobile from guardians where account_id is not null and mobile is not null
        group by 1, 2, 3 having count(distinct account_id) > 1) x`);
    assert.ok(twoReferences!.n >= 1);
    // Guardians whose children are all ineligible have no account; 1D students have none either.
    const [withoutAccount] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from guardians g
        where g.account_id is null and exists (select 1 from guardian_students gs where gs.guardian_id = g.id and gs.legal_responsibility)`);
    assert.ok(withoutAccount!.n >= 1);
    const [firstDegree] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from students s
        join establishments e on e.id = s.establishment_id where e.degree = '1D' and s.account_id is not null`);
    assert.equal(firstDegree!.n, 0);
  });

  test('staff: both heads, with their establishments and the demo password', async () => {
    const rows = await queryRows<{ login: string; password_hash: string; uais: string[] }>(
      first.deps.db,
      sql`select st.login, st.password_hash, array_agg(e.uai order by e.uai) as uais from staff st
        join staff_establishments se on se.staff_id = st.id join establishments e on e.id = se.establishment_id
        group by st.login, st.password_hash order by st.login`,
    );
    assert.deepEqual(
      rows.map((r) => [r.login, r.uais]),
      [
        ['directeur.demo', ['0990101X', '0990202G']],
        ['directrice.demo', ['0990303S']],
      ],
    );
    for (const row of rows) assert.equal(await verifyPasswordHash(row.password_hash, DEMO_STAFF_PASSWORD), true);
  });

  test('every fixed credential logs in and gives the state it announces', async () => {
    const credentials = demoCredentials(first.deps.realm);
    const accountsOnly = credentials.filter((c) => c.state !== "Console d'administration");
    assert.deepEqual(
      accountsOnly.map((c) => [c.identifier, c.password, c.state]),
      [
        ['b.fontanel', 'BUNZ57DM', ACCOUNT_STATE_LABELS.notifie],
        ['j.leboeuf', 'Famille2026', ACCOUNT_STATE_LABELS.en_cours],
        ['a.nguessan', 'Parent2026x', ACCOUNT_STATE_LABELS.active],
        ['h.dacostalopes', '', ACCOUNT_STATE_LABELS.non_notifie],
        ['m.chateau', 'ELEVE234', ACCOUNT_STATE_LABELS.notifie],
      ],
    );
    for (const credential of accountsOnly) {
      const [row] = await queryRows<{ state: keyof typeof ACCOUNT_STATE_LABELS }>(
        first.deps.db,
        sql`select state from accounts where identifier = ${credential.identifier}`,
      );
      assert.equal(ACCOUNT_STATE_LABELS[row!.state], credential.state, credential.identifier);
      if (credential.password === '') continue;
      if (credential.state !== ACCOUNT_STATE_LABELS.notifie) {
        assert.equal(checkPassword('educonnect-guardian', credential.password).ok, true, credential.password);
      }
      const check = await checkCredentials(first.deps, credential.identifier, credential.password);
      assert.equal(check.outcome, 'valid', credential.identifier);
      if (check.outcome === 'valid') assert.equal(ACCOUNT_STATE_LABELS[check.state], credential.state);
    }
    const [twoSchools] = await queryRows<{ n: number }>(first.deps.db, sql`select count(distinct s.establishment_id)::int as n
        from accounts a join guardians g on g.account_id = a.id join guardian_students gs on gs.guardian_id = g.id
        join students s on s.id = gs.student_id where a.identifier = 'a.nguessan'`);
    assert.equal(twoSchools!.n, 2);
  });

  test('the same seed gives the same academy on another database; a second seed is refused', async () => {
    const second = await freshDeps('educonnect');
    try {
      await seedDemo(second.deps);
      const [a, b] = [await snapshot(first.deps), await snapshot(second.deps)];
      assert.deepEqual(b.students, a.students);
      assert.deepEqual(b.guardians, a.guardians);
      assert.deepEqual(b.accounts, a.accounts);
      await assert.rejects(seedDemo(second.deps), /contient déjà une académie/);
    } finally {
      await second.handle.close();
    }
  });
});

describe('seed-demo, eduprovence', () => {
  test('students of the collèges get nomp@eduprovence.fr accounts; guardians stay in the directory only', async () => {
    const { handle, deps } = await freshDeps('eduprovence');
    try {
      const summary = await seedDemo(deps);
      assert.ok(summary.guardians > 400);
      const kinds = await queryRows<{ kind: string; n: number; bad: number }>(
        deps.db,
        sql`select kind, count(*)::int as n, count(*) filter (where identifier !~ '^[a-z0-9]+@eduprovence\\.fr$')::int as bad
          from accounts group by kind`,
      );
      assert.equal(kinds.length, 1);
      assert.equal(kinds[0]!.kind, 'student');
      assert.equal(kinds[0]!.bad, 0);
      const credentials = demoCredentials(deps.realm).filter((c) => c.state !== "Console d'administration");
      assert.deepEqual(credentials.map((c) => [c.identifier, c.password]), [['chateaum@eduprovence.fr', 'ELEVE234']]);
      const check = await checkCredentials(deps, 'chateaum@eduprovence.fr', 'ELEVE234');
      assert.equal(check.outcome === 'valid' && check.state, 'notifie');
      assert.ok(summary.accountsByState.active > 0 && summary.accountsByState.non_notifie > 0);
    } finally {
      await handle.close();
    }
  });
});

test('the README lists the fixed demo credentials exactly as demoCredentials() gives them (npm run docs:demo)', async () => {
  const { readFileSync } = await import('node:fs');
  const { demoCredentialsTable } = await import('./credentials-table.ts');
  const { realmById } = await import('../realms/index.ts');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(demoCredentialsTable(realmById('educonnect'))), 'README demo table is stale: paste npm run docs:demo');
});
