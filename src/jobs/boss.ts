// DESIGN.md: the job queue is pg-boss in the same database — on PGlite through pg-boss's own PGlite backend.
import { PgBoss, fromPglite } from 'pg-boss';
import type { DatabaseHandle } from '../db/client.ts';

export interface JobsOptions {
  /** pg-boss connection string for PostgreSQL (its own small pool); unused on PGlite. */
  connectionString?: string;
  onError?: (error: Error) => void;
}

export async function startJobs(handle: DatabaseHandle, options: JobsOptions = {}): Promise<PgBoss> {
  const boss =
    handle.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite', schema: 'pgboss' })
      : new PgBoss({ connectionString: options.connectionString!, schema: 'pgboss', max: 4 });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  return boss;
}
