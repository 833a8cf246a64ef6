import type { PgBoss } from 'pg-boss';
import type { AccountsDeps } from '../../accounts/deps.ts';

/** What SMS registration and recovery need: the account use cases, the job queue of the outbox, the public base URL. */
export interface SelfServiceDeps {
  accounts: AccountsDeps;
  boss: PgBoss;
  /** Public base URL: links in e-mails, secure cookies when it is https. */
  issuer: string;
}
