// A whole Guichet listening on 127.0.0.1 with the OpenID Connect provider mounted, its issuer being the address
// it listens on (an OIDC client checks that the issuer it discovered is the one it talks to). Real time: the
// provider signs tokens with the system clock, so the family sessions use it too.
import { eq, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.ts';
import type { DatabaseTarget } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/rows.ts';
import { accounts } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { ACCOUNT_COOKIE, startAccountSession } from '../../src/families/session.ts';
import { createGuichet, type Guichet } from '../../src/main.ts';
import { registerOidc } from '../../src/sso/oidc/mount.ts';
import { createTestDatabase } from './test-database.ts';
import { TEST_SECRET } from './test-instance.ts';

export interface OidcInstance extends Guichet {
  issuer: string;
  port: number;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Guichet (OIDC mounted once: by main.ts when it is wired there, else here) on a free port. */
export interface StartOptions {
  logLevel?: string;
  /** Extra routes for a test (e.g. a stand-in login form), added before the server listens. */
  beforeListen?: (guichet: Guichet) => void | Promise<void>;
}

export async function startOidcGuichet(database: DatabaseTarget, options: StartOptions = {}): Promise<OidcInstance> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const settings = loadSettings({ GUICHET_SECRET: TEST_SECRET, GUICHET_ISSUER: issuer, PORT: String(port), LOG_LEVEL: options.logLevel ?? 'silent' });
  const guichet = await createGuichet(settings, { database });
  if (!guichet.app.hasRoute({ method: 'GET', url: '/oidc/interaction/:uid' })) {
    await registerOidc(guichet.app, { accounts: guichet.deps, issuer, secret: TEST_SECRET });
  }
  await options.beforeListen?.(guichet);
  await guichet.app.listen({ port, host: '127.0.0.1' });
  return { ...guichet, issuer, port };
}

/** A fresh database (PGlite in memory, or a PostgreSQL database of its own) with the demo academy. */
export async function oidcInstance(options: StartOptions = {}): Promise<OidcInstance> {
  const database = await createTestDatabase();
  const guichet = await startOidcGuichet(database.target, options);
  await seedDemo(guichet.deps);
  return {
    ...guichet,
    async close() {
      await guichet.close();
      await database.drop();
    },
  };
}

/** A database that outlives one instance, for restart tests: a PGlite folder, or a PostgreSQL database. */
export async function durableTestDatabase(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'guichet-oidc-'));
  return { target: { kind: 'pglite', dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface DemoPeople {
  /** Anaïs N'Guessan: active, children in an école (1D) and a collège (2D). */
  guardianId: string;
  /** Maëlys Château (4e, collège public), made active for the tests. */
  studentId: string;
}

export async function demoPeople(g: Guichet): Promise<DemoPeople> {
  const [guardian] = await queryRows<{ id: string }>(
    g.database.db,
    sql`select a.id from accounts a join guardians gd on gd.account_id = a.id where gd.last_name = 'N''Guessan' and a.state = 'active'`,
  );
  const [student] = await queryRows<{ id: string }>(
    g.database.db,
    sql`select a.id from accounts a join students s on s.account_id = a.id where s.first_name = 'Maëlys' and s.last_name = 'Château'`,
  );
  await g.database.db.update(accounts).set({ state: 'active', activatedAt: new Date() }).where(eq(accounts.id, student!.id));
  return { guardianId: guardian!.id, studentId: student!.id };
}

/** A signed-in family session, as the login page leaves it: the cookie header to send. */
export async function familyCookie(g: Guichet, accountId: string): Promise<string> {
  const token = await startAccountSession(g.deps, { accountId, method: 'password' });
  return `${ACCOUNT_COOKIE}=${token}`;
}

/** A browser's cookie jar and redirect loop for one origin set, enough to drive authorize → login → callback. */
export class BrowserJar {
  private readonly cookies = new Map<string, string>();

  /** `initial`: a cookie header ("a=1; b=2"), e.g. the family session cookie. */
  constructor(initial?: string) {
    for (const pair of initial?.split(';') ?? []) {
      const at = pair.indexOf('=');
      if (at > 0) this.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private store(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';');
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at).trim();
    const value = pair!.slice(at + 1).trim();
    const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  /** One request (no redirect followed), keeping the cookies it sets. Path scoping is ignored: tests only. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const c of response.headers.getSetCookie()) this.store(c);
    return response;
  }

  /** Follows redirects while they stay under `origin`; returns the first answer that is not a redirect to it. */
  async follow(url: string | URL, origin: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let current = new URL(url).toString();
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops += 1) {
      const next = new URL(response.headers.get('location')!, current).toString();
      if (!next.startsWith(origin)) return { response, url: next };
      current = next;
      response = await this.fetch(current);
    }
    return { response, url: current };
  }
}
