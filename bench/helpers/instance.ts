// A whole Guichet for a benchmark (services, job queue, outbox worker; HTTP unused) on a database of its own:
// PGlite in memory by default, a fresh PostgreSQL database when DATABASE_URL is set (dropped at the end).
import { loadSettings } from '../../src/config/settings.ts';
import { createGuichet, type Guichet } from '../../src/main.ts';
import type { AdminDeps } from '../../src/admin/deps.ts';
import { createTestDatabase } from '../../test/helpers/test-database.ts';

export interface BenchInstance {
  guichet: Guichet;
  admin: AdminDeps;
  /** Stops the instance, then drops its PostgreSQL database. */
  close(): Promise<void>;
}

/** `env` adds settings, e.g. SMTP_URL so that the outbox worker sends through a real SMTP peer. */
export async function benchInstance(env: Record<string, string> = {}): Promise<BenchInstance> {
  const database = await createTestDatabase();
  const settings = loadSettings({ GUICHET_SECRET: 'bench-secret-0123456789-abcdefghijklmnop', GUICHET_REALM: 'educonnect', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent', ...env });
  const guichet = await createGuichet(settings, { database: database.target });
  return {
    guichet,
    admin: { ...guichet.deps, accounts: guichet.accounts, boss: guichet.boss, issuer: guichet.settings.issuer },
    async close() {
      await guichet.close();
      await database.drop();
    },
  };
}
