// For the outbox tests: a migrated database of their own (PGlite in memory, or a fresh PostgreSQL database
// under DATABASE_URL) and a started pg-boss on it, without the HTTP server or another outbox worker.
import type { PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '../db/client.ts';
import { openMigratedDatabase } from '../main.ts';
import { startJobs } from '../jobs/boss.ts';
import { createTestDatabase } from '../../test/helpers/test-database.ts';

export interface OutboxTestKit {
  database: DatabaseHandle;
  boss: PgBoss;
  close(): Promise<void>;
}

export async function outboxTestKit(): Promise<OutboxTestKit> {
  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase.target);
  const target = testDatabase.target;
  const boss = await startJobs(database, { connectionString: target.kind === 'postgres' ? target.url : undefined });
  return {
    database,
    boss,
    async close() {
      await boss.stop({ graceful: false, timeout: 2_000 });
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** Polls until the check passes or the time is up (jobs run on pg-boss's own schedule). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
