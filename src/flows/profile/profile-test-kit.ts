// For the profile tests: the demo academy on a test instance with the profile routes, signed-in families, and
// accounts given a password the test knows. Not a test file itself.
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { SYSTEM } from '../../audit/record.ts';
import { accounts } from '../../db/schema.ts';
import { queryRows } from '../../db/rows.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { csrfOf, familyAgent } from '../../../test/helpers/family.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { registerProfileRoutes } from './routes.tsx';

export const NGUESSAN = { identifier: 'a.nguessan', password: 'Parent2026x' } as const;

/** The profile routes on a test instance, before any request — unless the composition root already wired them. */
export async function withProfileRoutes(g: TestInstance): Promise<void> {
  if (!g.app.hasRoute({ method: 'GET', url: '/profil' })) {
    await registerProfileRoutes(g.app, { accounts: g.deps, boss: g.boss, issuer: g.settings.issuer });
  }
}

/** A test instance with the demo academy and the profile routes. */
export async function profileInstance(): Promise<TestInstance> {
  const g = await testInstance();
  await withProfileRoutes(g);
  await seedDemo(g.deps);
  return g;
}

export async function accountOf(g: TestInstance, identifier: string) {
  const row = await g.database.db.query.accounts.findFirst({ where: eq(accounts.identifier, identifier) });
  assert.ok(row, `no account ${identifier}`);
  return row;
}

/** The account gets a password of its own and is Activé, whatever its demo story was. */
export async function withKnownPassword(g: TestInstance, identifier: string, password: string) {
  const account = await accountOf(g, identifier);
  const set = await g.accounts.setOwnPassword({ accountId: account.id, password }, SYSTEM);
  assert.ok(set.ok, `password refused for ${identifier}: ${JSON.stringify(set)}`);
  await g.database.db.update(accounts).set({ state: 'active' }).where(eq(accounts.id, account.id));
  return accountOf(g, identifier);
}

/** Logs in through the real login page and opens "Gérer mon compte"; returns the agent and the page's CSRF token. */
export async function signedIn(g: TestInstance, identifier: string, password: string, ip: string) {
  const agent = familyAgent(g, ip);
  const login = await agent.logIn(identifier, password);
  assert.equal(login.status, 303, `login of ${identifier}: ${login.status}`);
  const page = await agent.get('/profil');
  assert.equal(page.status, 200);
  return { agent, page, csrf: csrfOf(page.body) };
}

/** Two guardian accounts of one person registered under two references (same names and mobile). */
export async function splitReferences(g: TestInstance): Promise<Array<{ first: string; second: string }>> {
  return queryRows<{ first: string; second: string }>(
    g.database.db,
    sql`select min(a.identifier) as first, max(a.identifier) as second
        from guardians gu join accounts a on a.id = gu.account_id
        where gu.mobile is not null
        group by gu.last_name, gu.first_name, gu.mobile
        having count(distinct a.id) = 2
        order by 1`,
  );
}
