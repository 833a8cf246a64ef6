// testInstance(): a whole Guichet (services, jobs, HTTP via inject) on a fresh database, with an exact clock.
import { loadSettings } from '../../src/config/settings.ts';
import { createGuichet, type Guichet } from '../../src/main.ts';
import type { RealmId } from '../../src/realms/index.ts';
import type { RandomInt } from '../../src/domain/provisional-password.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

export interface TestClock {
  (): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(iso = '2026-11-23T08:00:00.000Z'): TestClock {
  let now = new Date(iso).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (value) => void (now = new Date(value).getTime());
  clock.advance = (ms) => void (now += ms);
  return clock;
}

export interface TestInstance extends Guichet {
  clock: TestClock;
}

export async function testInstance(
  options: { realm?: RealmId; randomInt?: RandomInt; /** More settings, e.g. FRANCECONNECT_* */ env?: Record<string, string> } = {},
): Promise<TestInstance> {
  const database = await createTestDatabase();
  const clock = testClock();
  const settings = loadSettings({ GUICHET_SECRET: TEST_SECRET, GUICHET_REALM: options.realm ?? 'educonnect', LOG_LEVEL: 'silent', ...options.env });
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
