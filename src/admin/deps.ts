import type { PgBoss } from 'pg-boss';
import type { AccountsDeps } from '../accounts/deps.ts';
import type { AccountsService } from '../accounts/service.ts';

/** What the console needs; wired once in src/main.ts. */
export interface AdminDeps extends AccountsDeps {
  accounts: AccountsService;
  boss: PgBoss;
  /** Public base URL (service address in letters, links in e-mails, QR codes). */
  issuer: string;
}
