import type { Database } from '../db/client.ts';
import type { RandomInt } from '../domain/provisional-password.ts';
import type { Realm } from '../realms/realm.ts';
import type { Clock } from '../shared/clock.ts';
import type { SecretBox } from './secret-box.ts';

/** What the account use cases need; wired once in the composition root (src/main.ts). */
export interface AccountsDeps {
  db: Database;
  clock: Clock;
  randomInt: RandomInt;
  secretBox: SecretBox;
  realm: Realm;
}
