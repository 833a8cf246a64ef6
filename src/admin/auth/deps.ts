import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';

export interface StaffAuthDeps {
  db: Database;
  clock: Clock;
}

/** A console session lasts this long without activity, and never more than STAFF_SESSION_MAX_MS. */
export const STAFF_SESSION_IDLE_MS = 60 * 60 * 1000;
export const STAFF_SESSION_MAX_MS = 12 * 60 * 60 * 1000;
