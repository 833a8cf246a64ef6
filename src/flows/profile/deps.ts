import type { PgBoss } from 'pg-boss';
import type { AccountsDeps } from '../../accounts/deps.ts';

/** What the profile pages and their use cases need; wired once in the composition root (src/main.ts). */
export interface ProfileDeps {
  accounts: AccountsDeps;
  /** Sends the e-mails of an address change through the outbox, in the use case's transaction. */
  boss: PgBoss;
  /** The public base URL: the links in e-mails start with it. */
  issuer: string;
}

export function publicUrl(issuer: string, path: string): string {
  return `${issuer.replace(/\/+$/, '')}${path}`;
}
