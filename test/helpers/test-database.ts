// One call gives a test a real, empty, migrated database: PGlite in memory by default, or a fresh PostgreSQL
// database of its own when DATABASE_URL is set, so that runs never see each other's rows.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { DatabaseTarget } from '../../src/db/client.ts';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) return { target: { kind: 'pglite-memory' }, drop: async () => {} };
  const name = `guichet_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: testUrl.toString(), poolSize: 10 },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
