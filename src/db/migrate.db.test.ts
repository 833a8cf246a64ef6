import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client.ts';
import { runMigrations } from './migrate.ts';
import { queryRows } from './rows.ts';
import { createTestDatabase } from '../../test/helpers/test-database.ts';

test('migrations applied twice change nothing', async () => {
  const testDb = await createTestDatabase();
  const handle = await openDatabase(testDb.target);
  try {
    await runMigrations(handle);
    const schema = sql`select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' order by table_name, column_name`;
    const before = await queryRows(handle.db, schema);
    const applied = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await runMigrations(handle);
    assert.deepEqual(await queryRows(handle.db, schema), before);
    assert.deepEqual(await queryRows(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`), applied);
    const tables = new Set(before.map((r) => (r as { table_name: string }).table_name));
    for (const table of ['academies', 'establishments', 'levels', 'classes', 'students', 'guardians', 'guardian_students', 'accounts', 'staff', 'staff_establishments', 'audit_events']) {
      assert.ok(tables.has(table), `${table} exists`);
    }
  } finally {
    await handle.close();
    await testDb.drop();
  }
});

test('the database refuses what the domain forbids: a malformed UAI, a duplicate or upper-case identifier', async () => {
  const testDb = await createTestDatabase();
  const handle = await openDatabase(testDb.target);
  try {
    await runMigrations(handle);
    await assert.rejects(
      handle.db.execute(sql`insert into academies (code, name) values ('A', 'A');
        insert into establishments (academy_id, uai, name, kind, degree, sector) values (1, '031147N', 'X', 'ecole', '1D', 'public')`),
    );
    await handle.db.execute(sql`insert into accounts (kind, identifier, state, origin) values ('guardian', 'a.b', 'non_notifie', 'non_renseigne')`);
    await assert.rejects(
      handle.db.execute(sql`insert into accounts (kind, identifier, state, origin) values ('guardian', 'a.b', 'non_notifie', 'non_renseigne')`),
    );
    await assert.rejects(
      handle.db.execute(sql`insert into accounts (kind, identifier, state, origin) values ('guardian', 'A.C', 'non_notifie', 'non_renseigne')`),
    );
  } finally {
    await handle.close();
    await testDb.drop();
  }
});
