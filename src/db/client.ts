// One schema, one SQL dialect: PGlite (embedded, in a data folder) by default, PostgreSQL when DATABASE_URL is set.
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { resolve } from 'node:path';
import * as schema from './schema.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction, or the database itself: services take either, so they compose inside one transaction. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'pglite'; dataDir: string } // a folder on disk
  | { kind: 'pglite-memory' }; // tests

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  pglite?: PGlite;
  pool?: pg.Pool;
  /** A short description without credentials, for logs. */
  description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(description: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`La base de données ${description} est injoignable (${reason}) : vérifiez DATABASE_URL et que le serveur PostgreSQL est démarré.`);
    this.name = 'DatabaseUnavailableError';
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize);
  if (target.kind === 'pglite-memory') return wrapPglite(await PGlite.create(), 'PGlite (mémoire)');
  const dataDir = resolve(target.dataDir);
  const lock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: resolve(dataDir, 'pglite') });
    return wrapPglite(pglite, `PGlite (${dataDir})`, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const description = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {}); // an idle client's error surfaces on the next query; do not crash the process
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(description, error);
  }
  return {
    db: drizzlePostgres(pool, { schema }) as unknown as Database,
    kind: 'postgres',
    pool,
    description,
    ping: async () => void (await pool.query('select 1')),
    close: () => pool.end(),
  };
}

function wrapPglite(pglite: PGlite, description: string, lock?: DataDirLock): DatabaseHandle {
  return {
    db: drizzlePglite(pglite, { schema }) as unknown as Database,
    kind: 'pglite',
    pglite,
    description,
    ping: async () => void (await pglite.query('select 1')),
    close: async () => {
      await pglite.close();
      lock?.release();
    },
  };
}

/** postgres://user:secret@host:5432/db → postgres://host:5432/db: never a password in a log line. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
