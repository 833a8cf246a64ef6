// testInstanceWithSmtp(): testInstance()'s twin whose outbox worker sends over SMTP (SMTP_URL) instead of the dev
// mailbox — a whole Guichet on a fresh database with an exact clock, for tests that read the e-mails a real peer got.
import { loadSettings } from '../../src/config/settings.ts';
import { createGuichet } from '../../src/main.ts';
import type { RealmId } from '../../src/realms/index.ts';
import type { RandomInt } from '../../src/domain/provisional-password.ts';
import { createTestDatabase } from './test-database.ts';
import { TEST_SECRET, testClock, type TestInstance } from './test-instance.ts';

export interface SmtpTestInstanceOptions {
  /** The port of the SMTP peer on 127.0.0.1 (see smtp-peer.ts). */
  smtpPort: number;
  realm?: RealmId;
  randomInt?: RandomInt;
  /** Further settings, e.g. GUICHET_ISSUER or SMTP_FROM. */
  env?: Record<string, string>;
}

export async function testInstanceWithSmtp(options: SmtpTestInstanceOptions): Promise<TestInstance> {
  const database = await createTestDatabase();
  const clock = testClock();
  const settings = loadSettings({
    GUICHET_SECRET: TEST_SECRET,
    GUICHET_REALM: options.realm ?? 'educonnect',
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
    ...options.env,
  });
  const guichet = await createGuichet(settings, { database: database.target, clock, randomInt: options.randomInt });
  return {
    ...guichet,
    clock,
    async close() {
      await guichet.close();
      await database.drop();
    },
  };
}
