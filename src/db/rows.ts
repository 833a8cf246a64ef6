// node-postgres and PGlite both answer raw SQL with `{ rows }`; this names that once.
import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
