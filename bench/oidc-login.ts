// Benchmark of a full password sign-in through OpenID Connect (SPEC §6; DESIGN.md: only logins with a chosen
// password pay for Argon2id): authorize → interaction → login page POST (Argon2id) → interaction → code → token,
// on 127.0.0.1, compared with the raw Argon2id verification rate measured in the same run. It prints figures;
// it does not pass or fail, and stops by itself.
//
//   npx tsx bench/oidc-login.ts                               # PGlite in memory
//   DATABASE_URL=postgres://… npx tsx bench/oidc-login.ts     # a fresh PostgreSQL database, dropped at the end
//   BENCH_SECONDS=5 BENCH_CONCURRENCY=8 npx tsx bench/oidc-login.ts
//
// The load runs in a worker thread (its own event loop), so the driver's work does not sit on Guichet's loop.
// The login step posts to the real POST /login when the login page is wired in (it returns a CSRF field and
// sets the session cookie); until then it posts to a bench-only route that runs the same use case, logIn()
// (throttle check, Argon2id verification, session written), and answers the same 303 to `retour`.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { hashPassword, verifyPasswordHash } from '../src/accounts/password-hash.ts';
import { queryRows } from '../src/db/rows.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { logIn } from '../src/families/login.ts';
import { safeReturnTo } from '../src/families/return-to.ts';
import { ACCOUNT_COOKIE } from '../src/families/session.ts';
import type { Guichet } from '../src/main.ts';
import { addOidcClient } from '../src/services/oidc-clients.ts';
import { createTestDatabase } from '../test/helpers/test-database.ts';
import { startOidcGuichet } from '../test/helpers/oidc-instance.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PASSWORD = 'Bench-Guichet-2026';
const REDIRECT = 'http://127.0.0.1:9/callback'; // never fetched: the driver reads the code from the Location header

interface DriverInput {
  issuer: string;
  clientId: string;
  clientSecret: string;
  identifiers: string[];
  loginPath: string;
  mode: 'closed' | 'open';
  concurrency: number;
  rate: number;
  seconds: number;
}

interface DriverOutput {
  /** Milliseconds spent in each step, summed over the completed sign-ins. */
  steps: Record<string, number>;
  completed: number;
  failed: number;
  seconds: number;
  /** CPU time of the driver's own thread (µs), to take it out of the process's total. */
  driverCpuMicros: number;
  latencies: number[];
  firstError?: string;
}

// ---------------------------------------------------------------- the driver (worker thread)

class Jar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
  keep(response: Response): void {
    for (const c of response.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '') this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }
  async get(url: string): Promise<Response> {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.header() } });
    this.keep(response);
    return response;
  }
  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    this.keep(response);
    return response;
  }
}

function expectRedirect(response: Response, step: string): string {
  if (response.status !== 303 && response.status !== 302) throw new Error(`${step}: HTTP ${response.status}`);
  return response.headers.get('location')!;
}

/** One cold browser signing in: every step over HTTP, the password checked by Argon2id in Guichet. */
async function signInOnce(input: DriverInput, identifier: string, steps: Record<string, number>): Promise<void> {
  const jar = new Jar();
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - mark);
    mark = now;
  };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL(`${input.issuer}/oidc/auth`);
  for (const [k, v] of Object.entries({
    client_id: input.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid profile profile-school',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
  })) authorize.searchParams.set(k, v);

  const interaction = new URL(expectRedirect(await jar.get(authorize.href), 'authorize'), input.issuer).href;
  step('1 GET /oidc/auth');
  const loginPage = new URL(expectRedirect(await jar.get(interaction), 'interaction'), input.issuer);
  step('2 GET /oidc/interaction (no session)');
  const retour = loginPage.searchParams.get('retour')!;
  let form: Record<string, string> = { identifier, password: PASSWORD, retour };
  if (input.loginPath === '/login') {
    const page = await jar.get(loginPage.href);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    form = { ...form, _csrf: csrf ?? '' };
    step('3 GET /?retour (login page)');
  }
  const back = expectRedirect(await jar.post(`${input.issuer}${input.loginPath}`, form), 'login');
  if (back !== retour) throw new Error(`login: sent to ${back}`);
  step('4 POST login (Argon2id)');
  const resume = new URL(expectRedirect(await jar.get(`${input.issuer}${retour}`), 'interaction (signed in)'), input.issuer).href;
  step('5 GET /oidc/interaction (signed in)');
  const callback = new URL(expectRedirect(await jar.get(resume), 'resume'));
  step('6 GET /oidc/auth/:uid (code)');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`resume: ${callback.search}`);
  const token = await fetch(`${input.issuer}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }),
  });
  if (token.status !== 200) throw new Error(`token: HTTP ${token.status} ${await token.text()}`);
  const body = (await token.json()) as { id_token?: string };
  if (!body.id_token) throw new Error('token: no id_token');
  step('7 POST /oidc/token');
}

async function drive(input: DriverInput): Promise<DriverOutput> {
  const out: DriverOutput = { steps: {}, completed: 0, failed: 0, seconds: 0, latencies: [], driverCpuMicros: 0 };
  const cpu = process.threadCpuUsage();
  const start = performance.now();
  const end = start + input.seconds * 1000;
  let next = 0;
  const one = async () => {
    const identifier = input.identifiers[next++ % input.identifiers.length]!;
    const t0 = performance.now();
    const steps: Record<string, number> = {};
    try {
      await signInOnce(input, identifier, steps);
      for (const [name, ms] of Object.entries(steps)) out.steps[name] = (out.steps[name] ?? 0) + ms;
      out.completed += 1;
      out.latencies.push(performance.now() - t0);
    } catch (error) {
      out.failed += 1;
      out.firstError ??= error instanceof Error ? error.message : String(error);
    }
  };
  if (input.mode === 'closed') {
    await Promise.all(Array.from({ length: input.concurrency }, async () => {
      while (performance.now() < end) await one();
    }));
  } else {
    // Open loop: arrivals at a fixed rate whatever the answers' speed (latency includes queueing).
    const inFlight = new Set<Promise<void>>();
    const interval = 1000 / input.rate;
    for (let i = 0; start + i * interval < end; i += 1) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const p = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
  out.seconds = (performance.now() - start) / 1000;
  const used = process.threadCpuUsage(cpu);
  out.driverCpuMicros = used.user + used.system;
  return out;
}

if (!isMainThread) {
  parentPort!.postMessage(await drive(workerData as DriverInput));
}

// ---------------------------------------------------------------- the bench (main thread)

function runDriver(input: DriverInput): Promise<DriverOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: input, execArgv: process.execArgv });
    worker.once('message', (m: DriverOutput) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`driver exited with ${code}`)));
  });
}

/** CPU time (ms) of every process named postgres on this machine (Linux /proc), or NaN elsewhere. */
function postgresCpuMs(): number {
  try {
    const tick = 10; // USER_HZ = 100 on Linux
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!name.startsWith('postgres')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += (Number(fields[11]) + Number(fields[12])) * tick;
      } catch {
        // the process ended meanwhile
      }
    }
    return total;
  } catch {
    return Number.NaN;
  }
}

function figure(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value.padStart(14)}`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Raw Argon2id verifications per second, `parallel` at a time (libuv's pool size), for `seconds`. */
async function argon2Rate(hash: string, parallel: number, seconds: number): Promise<number> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (performance.now() < end) {
      if (!(await verifyPasswordHash(hash, PASSWORD))) throw new Error('argon2 verify failed');
      done += 1;
    }
  }));
  return done / ((performance.now() - start) / 1000);
}

/** A bench-only stand-in for POST /login while the login page is not wired: same use case, same answer. */
function benchLoginRoute(guichet: Guichet): void {
  guichet.app.post('/_bench/login', async (request, reply) => {
    const form = request.body as { identifier: string; password: string; retour?: string };
    const returnTo = safeReturnTo(form.retour);
    const outcome = await logIn(guichet.deps, { identifier: form.identifier, password: form.password, ip: request.ip, returnTo });
    if (outcome.kind !== 'session') return reply.status(401).send(outcome.kind);
    reply.setCookie(ACCOUNT_COOKIE, outcome.token, { path: '/', httpOnly: true, sameSite: 'lax' });
    return reply.redirect(returnTo ?? '/', 303);
  });
}

async function main(): Promise<void> {
  const testDatabase = await createTestDatabase();
  const guichet = await startOidcGuichet(testDatabase.target, { beforeListen: benchLoginRoute });
  try {
    const pool = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    console.log(
      `OIDC sign-in benchmark on ${guichet.database.description}, ${guichet.issuer}: ${availableParallelism()} cores, ` +
        `libuv pool ${pool}, ${SECONDS} s per phase, closed-loop concurrency ${CONCURRENCY}; load average ${loadavg()[0]!.toFixed(1)} at start`,
    );
    await seedDemo(guichet.deps);
    const hash = await hashPassword(PASSWORD);
    await guichet.database.db.execute(sql`update accounts set password_hash = ${hash}, provisional_password = null where state = 'active'`);
    const identifiers = (await queryRows<{ identifier: string }>(guichet.database.db, sql`select identifier from accounts where state = 'active' order by identifier`)).map((r) => r.identifier);
    const { clientSecret } = await addOidcClient(guichet.database.db, guichet.deps.secretBox, { id: 'bench', name: 'Bench', url: 'http://127.0.0.1:9/', redirectUris: [REDIRECT] });

    // Which login: the real POST /login once wired (503 is the placeholder), else the stand-in.
    const probe = await fetch(`${guichet.issuer}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    const loginPath = probe.status === 503 || probe.status === 404 ? '/_bench/login' : '/login';
    figure('active accounts signing in (chosen password)', String(identifiers.length));
    figure('login step', loginPath === '/login' ? 'POST /login' : 'stand-in logIn()');

    const rate = await argon2Rate(hash, pool, Math.min(SECONDS, 5));
    figure(`raw Argon2id verify, ${pool} in parallel`, `${rate.toFixed(1)} /s`);

    const base: DriverInput = { issuer: guichet.issuer, clientId: 'bench', clientSecret: clientSecret!, identifiers, loginPath, mode: 'closed', concurrency: CONCURRENCY, rate: 0, seconds: SECONDS };
    await runDriver({ ...base, seconds: 2, concurrency: 2 }); // warm-up (JIT, pools)
    // Every statement sent to PostgreSQL goes through pg.Client#query: count them during the closed loop.
    let statements = 0;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
      statements += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    const cpuBefore = process.cpuUsage();
    const pgBefore = postgresCpuMs();
    const max = await runDriver(base);
    const cpu = process.cpuUsage(cpuBefore);
    const pgMs = postgresCpuMs() - pgBefore;
    pg.Client.prototype.query = query;
    const maxRate = max.completed / max.seconds;
    figure(`full sign-in, max rate (concurrency ${CONCURRENCY})`, `${maxRate.toFixed(1)} /s`);
    figure('  failed', `${max.failed}${max.firstError ? ` (${max.firstError})` : ''}`);
    figure('  ratio to the raw Argon2id rate (target ≥ 80 %)', `${((100 * maxRate) / rate).toFixed(0)} %`);
    const maxSorted = [...max.latencies].sort((a, b) => a - b);
    for (const [name, ms] of Object.entries(max.steps).sort()) figure(`    ${name}`, `${(ms / Math.max(1, max.completed)).toFixed(1)} ms`);
    const perFlow = (micros: number) => `${(micros / 1000 / Math.max(1, max.completed)).toFixed(1)} ms`;
    figure('  CPU per sign-in: Guichet (Node, incl. Argon2id)', perFlow(cpu.user + cpu.system - max.driverCpuMicros));
    figure('  CPU per sign-in: the HTTP driver (same machine)', perFlow(max.driverCpuMicros));
    if (guichet.database.kind === 'postgres') {
      if (Number.isFinite(pgMs)) figure('  CPU per sign-in: PostgreSQL server', perFlow(pgMs * 1000));
      figure('  SQL statements per sign-in', (statements / Math.max(1, max.completed)).toFixed(1));
    }
    figure('  latency p50 / p99 at max rate', `${percentile(maxSorted, 50).toFixed(0)} / ${percentile(maxSorted, 99).toFixed(0)} ms`);

    const offered = 0.7 * maxRate;
    const open = await runDriver({ ...base, mode: 'open', rate: offered });
    const sorted = [...open.latencies].sort((a, b) => a - b);
    figure('open loop at 70 % of max: offered / achieved', `${offered.toFixed(1)} / ${(open.completed / open.seconds).toFixed(1)} /s`);
    figure('  failed', `${open.failed}${open.firstError ? ` (${open.firstError})` : ''}`);
    figure('  latency p50 / p95 / p99 (target p99 < 300 ms)', `${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 95).toFixed(0)} / ${percentile(sorted, 99).toFixed(0)} ms`);
  } finally {
    await guichet.close();
    await testDatabase.drop();
  }
}

if (isMainThread) await main();
