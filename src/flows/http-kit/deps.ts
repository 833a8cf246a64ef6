import type { PgBoss } from 'pg-boss';
import type { AccountsDeps } from '../../accounts/deps.ts';

/** What the activation flows need: the account use cases, the job queue for e-mails, the public base URL. */
export interface ActivationDeps {
  accounts: AccountsDeps;
  boss: PgBoss;
  /** Public base URL: links in e-mails, secure cookies when it is https. */
  issuer: string;
}
