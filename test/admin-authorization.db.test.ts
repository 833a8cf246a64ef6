// Security baseline / SPEC §4 "an admin never sees or acts on an establishment outside their own": the whole
// console's authorization matrix. Every route registered under /admin is enumerated from Fastify itself and must
// have its row below (a new route without one fails the first test). For each route, directrice.demo (collège
// privé only) forges the ids of directeur.demo's establishments (école, collège public) into paths, query strings
// and forms with her own valid CSRF token; every POST is tried without a valid token; every route without a
// session. Each time: the expected status, none of the other families' data in the body, nothing changed in the
// database (accounts, outbox, notification_batches, email_verifications, statistics_snapshots).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import Fastify from 'fastify';
import { asc, count, eq, sql } from 'drizzle-orm';
import { readProvisionalPassword } from '../src/accounts/provisional.ts';
import { ADMIN_FEATURES } from '../src/admin/features.ts';
import { ADMIN_COOKIE } from '../src/admin/http/guards.ts';
import { registerAdmin } from '../src/admin/http/plugin.tsx';
import { linkedToEstablishment } from '../src/admin/responsables/sql-fragments.ts';
import {
  accountOf,
  adminDeps,
  adminOf,
  COLLEGE_PRIVE,
  COLLEGE_PUBLIC,
  demoInstance,
  ECOLE,
  establishmentId,
  formFields,
  pdfPages,
  validate,
} from '../src/admin/responsables/test-kit.ts';
import { queryRows } from '../src/db/rows.ts';
import { accounts, emailVerifications, notificationBatches, outbox, staffSessions, statisticsSnapshots } from '../src/db/schema.ts';
import { DEMO_STAFF_PASSWORD } from '../src/demo/seed-demo.ts';
import { adminAgent, type AdminAgent } from './helpers/admin.ts';
import type { TestInstance } from './helpers/test-instance.ts';

type Form = Record<string, string | string[]>;
type Method = 'GET' | 'POST';

/** What directeur.demo owns and directrice.demo must never reach (none of these accounts has a child in her collège). */
interface Targets {
  ecole: number;
  collegePublic: number;
  prive: number;
  ecoleClassIds: number[];
  /** Accounts of école / collège public only, one per state. */
  nonNotifie: string;
  notifie: string; // b.fontanel
  enCours: string;
  active: string;
  publicNotifie: string;
  publicActive: string;
  all: string[];
  /** A sheet batch (école) and an e-mail batch (collège public) of directeur.demo. */
  sheetBatch: string;
  emailBatch: string;
  /** Fontanel's last name, searched for by directrice. */
  fontanelLastName: string;
  /** One account of directrice's own collège (for the mixed selections). */
  herOwn: string;
}

interface Attempt {
  method: Method;
  url: string;
  form?: Form;
  status: number;
  /** For a redirect: where to. */
  location?: string;
  /** For a 200 that shows her own page: the URL of that page without the forged parameters (same body expected). */
  sameAs?: string;
  /** Run on a throwaway directrice session (logout ends the session). */
  throwaway?: boolean;
}

interface RouteSpec {
  /** "METHOD /pattern", as Fastify registered it. */
  route: string;
  /** Reached without a session (the sign-in pages). */
  public?: boolean;
  /** directrice.demo with directeur.demo's ids. */
  forged(t: Targets): Attempt[];
  /** One concrete request of the route with directeur's ids, as directeur would send it (CSRF and no-session checks). */
  sample(t: Targets): { url: string; form?: Form };
  /** POST whose sample changes nothing when accepted: its positive control runs (the CSRF refusal is not vacuous). */
  harmless?: boolean;
}

const notifyForm = (ids: string | string[], extra: Form = {}): Form => ({ accountIds: ids, canal: 'sheet', depuis: 'liste', ...extra });

// The matrix. One row per console route; the first test fails when Fastify serves a route that is not here.
const MATRIX: RouteSpec[] = [
  {
    route: 'GET /admin/connexion',
    public: true,
    forged: (t) => [{ method: 'GET', url: `/admin/connexion?establishmentId=${t.ecole}&compte=${t.notifie}`, status: 303, location: '/admin' }],
    sample: () => ({ url: '/admin/connexion' }),
  },
  {
    route: 'POST /admin/connexion',
    public: true,
    // Her session's token is not the sign-in page's: refused before any password is checked.
    forged: (t) => [{ method: 'POST', url: '/admin/connexion', form: { login: 'directeur.demo', password: 'pas-le-bon', establishmentId: String(t.ecole) }, status: 403 }],
    sample: () => ({ url: '/admin/connexion', form: { login: 'directeur.demo', password: DEMO_STAFF_PASSWORD } }),
  },
  {
    route: 'POST /admin/deconnexion',
    forged: (t) => [{ method: 'POST', url: '/admin/deconnexion', form: { establishmentId: String(t.ecole), accountIds: t.notifie }, status: 303, location: '/admin/deconnecte', throwaway: true }],
    sample: () => ({ url: '/admin/deconnexion', form: {} }),
  },
  {
    route: 'GET /admin/deconnecte',
    public: true,
    forged: (t) => [{ method: 'GET', url: `/admin/deconnecte?compte=${t.notifie}`, status: 200, sameAs: '/admin/deconnecte' }],
    sample: () => ({ url: '/admin/deconnecte' }),
  },
  {
    route: 'GET /admin',
    forged: (t) => [{ method: 'GET', url: `/admin?establishmentId=${t.ecole}&etablissement=${t.collegePublic}`, status: 200, sameAs: '/admin' }],
    sample: () => ({ url: '/admin' }),
  },
  {
    route: 'POST /admin/etablissement',
    forged: (t) => [
      { method: 'POST', url: '/admin/etablissement', form: { establishmentId: String(t.ecole) }, status: 403 },
      { method: 'POST', url: '/admin/etablissement', form: { establishmentId: String(t.collegePublic) }, status: 403 },
      { method: 'POST', url: '/admin/etablissement', form: { establishmentId: [String(t.prive), String(t.ecole)] }, status: 403 },
    ],
    sample: (t) => ({ url: '/admin/etablissement', form: { establishmentId: String(t.collegePublic) } }),
  },
  {
    route: 'GET /admin/responsables',
    forged: (t) => [
      // Classes of the école are dropped: she gets her own collège's search, every class.
      { method: 'GET', url: `/admin/responsables?rechercher=1&${t.ecoleClassIds.map((id) => `classe=${id}`).join('&')}`, status: 200, sameAs: '/admin/responsables?rechercher=1' },
      { method: 'GET', url: `/admin/responsables?rechercher=1&texte=${encodeURIComponent(t.fontanelLastName)}&establishmentId=${t.ecole}`, status: 200 },
      { method: 'GET', url: `/admin/responsables?retour=1&etablissement=${t.ecole}`, status: 200 },
    ],
    sample: () => ({ url: '/admin/responsables?rechercher=1' }),
  },
  {
    route: 'POST /admin/responsables/liste',
    // The export answers a selection it cannot list (forged or empty) with its "Aucun compte sélectionné" page.
    forged: (t) => [
      { method: 'POST', url: '/admin/responsables/liste', form: { format: 'csv', accountIds: t.all }, status: 400 },
      { method: 'POST', url: '/admin/responsables/liste', form: { format: 'pdf', accountIds: t.all }, status: 400 },
    ],
    sample: (t) => ({ url: '/admin/responsables/liste', form: { format: 'csv', accountIds: [t.notifie, t.active] } }),
    harmless: true,
  },
  {
    route: 'GET /admin/responsables/compte/:accountId',
    forged: (t) => [
      ...t.all.map((id): Attempt => ({ method: 'GET', url: `/admin/responsables/compte/${id}`, status: 404 })),
      { method: 'GET', url: `/admin/responsables/compte/${t.notifie}?distribution=${t.sheetBatch}&reinitialise=1&renvoye=1`, status: 404 },
    ],
    sample: (t) => ({ url: `/admin/responsables/compte/${t.notifie}` }),
  },
  {
    route: 'GET /admin/responsables/compte/:accountId/activation',
    forged: (t) => [t.enCours, t.active, t.notifie].map((id): Attempt => ({ method: 'GET', url: `/admin/responsables/compte/${id}/activation`, status: 404 })),
    sample: (t) => ({ url: `/admin/responsables/compte/${t.enCours}/activation` }),
  },
  {
    route: 'POST /admin/responsables/compte/:accountId/activation',
    forged: (t) => [
      { method: 'POST', url: `/admin/responsables/compte/${t.enCours}/activation`, form: { email: 'pirate@example.org' }, status: 404 },
      { method: 'POST', url: `/admin/responsables/compte/${t.enCours}/activation`, form: { email: 'pas-une-adresse' }, status: 404 },
      { method: 'POST', url: `/admin/responsables/compte/${t.active}/activation`, form: { email: 'pirate@example.org' }, status: 404 },
    ],
    sample: (t) => ({ url: `/admin/responsables/compte/${t.enCours}/activation`, form: { email: 'nouvelle.adresse@example.org' } }),
  },
  {
    route: 'GET /admin/responsables/courriers/:batchId.pdf',
    forged: (t) => [t.sheetBatch, t.emailBatch].map((id): Attempt => ({ method: 'GET', url: `/admin/responsables/courriers/${id}.pdf`, status: 404 })),
    sample: (t) => ({ url: `/admin/responsables/courriers/${t.sheetBatch}.pdf` }),
  },
  {
    route: 'GET /admin/responsables/distributions/:batchId',
    forged: (t) => [t.sheetBatch, t.emailBatch].map((id): Attempt => ({ method: 'GET', url: `/admin/responsables/distributions/${id}`, status: 404 })),
    sample: (t) => ({ url: `/admin/responsables/distributions/${t.sheetBatch}` }),
  },
  {
    route: 'POST /admin/responsables/notifier',
    forged: (t) => [
      { method: 'POST', url: '/admin/responsables/notifier', form: notifyForm(t.all), status: 404 },
      { method: 'POST', url: '/admin/responsables/notifier', form: notifyForm(t.all, { canal: 'email', reinitialiser: '1' }), status: 404 },
      { method: 'POST', url: '/admin/responsables/notifier', form: notifyForm(t.active, { canal: 'email', reinitialiser: '1', depuis: 'compte' }), status: 404 },
    ],
    sample: (t) => ({ url: '/admin/responsables/notifier', form: notifyForm([t.notifie, t.active]) }),
    harmless: true,
  },
  {
    route: 'POST /admin/responsables/notifier/valider',
    forged: (t) => [
      { method: 'POST', url: '/admin/responsables/notifier/valider', form: notifyForm(t.all, { canal: 'email', reinitialiser: '1', requete: randomUUID() }), status: 404 },
      { method: 'POST', url: '/admin/responsables/notifier/valider', form: notifyForm(t.nonNotifie, { depuis: 'compte', requete: randomUUID() }), status: 404 },
      { method: 'POST', url: '/admin/responsables/notifier/valider', form: notifyForm(t.all, { requete: t.sheetBatch }), status: 404 },
      // Her own account with directeur's batch id as the request id: she must not be told that id exists, nor be
      // sent to his batch — a 404.
      { method: 'POST', url: '/admin/responsables/notifier/valider', form: notifyForm(t.herOwn, { requete: t.emailBatch }), status: 404 },
    ],
    sample: (t) => ({ url: '/admin/responsables/notifier/valider', form: notifyForm([t.notifie], { requete: randomUUID() }) }),
  },
  {
    route: 'POST /admin/responsables/reinitialiser',
    forged: (t) => [
      { method: 'POST', url: '/admin/responsables/reinitialiser', form: { accountIds: t.all, depuis: 'liste' }, status: 404 },
      { method: 'POST', url: '/admin/responsables/reinitialiser', form: { accountIds: t.active, depuis: 'compte' }, status: 404 },
    ],
    sample: (t) => ({ url: '/admin/responsables/reinitialiser', form: { accountIds: [t.active], depuis: 'liste' } }),
    harmless: true,
  },
  {
    route: 'POST /admin/responsables/reinitialiser/valider',
    forged: (t) => [
      { method: 'POST', url: '/admin/responsables/reinitialiser/valider', form: { accountIds: t.all, depuis: 'liste' }, status: 404 },
      { method: 'POST', url: '/admin/responsables/reinitialiser/valider', form: { accountIds: t.active, depuis: 'compte' }, status: 404 },
    ],
    sample: (t) => ({ url: '/admin/responsables/reinitialiser/valider', form: { accountIds: [t.active], depuis: 'liste' } }),
  },
  {
    route: 'GET /admin/statistiques',
    forged: (t) => [
      { method: 'GET', url: `/admin/statistiques?establishmentId=${t.ecole}&etablissement=${t.ecole}&uai=0990101X`, status: 200, sameAs: '/admin/statistiques' },
    ],
    sample: () => ({ url: '/admin/statistiques' }),
  },
  {
    route: 'POST /admin/statistiques/calculer',
    // Recomputes her own collège's figures only (her snapshot is left out of the comparison).
    forged: (t) => [{ method: 'POST', url: '/admin/statistiques/calculer', form: { establishmentId: String(t.ecole) }, status: 303, location: '/admin/statistiques?calcule=1' }],
    sample: () => ({ url: '/admin/statistiques/calculer', form: {} }),
  },
];

/** "METHOD /path" of every route in Fastify's printed tree (commonPrefix: false prints one segment per node). */
function routesOfTree(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = `${stack.join('')}${m[2]}`;
    stack.push(m[2]!);
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) routes.push(`${method} ${path}`);
  }
  return routes;
}

const isAdmin = (route: string) => {
  const path = route.split(' ')[1]!;
  return path === '/admin' || path.startsWith('/admin/');
};

describe('the console authorization matrix', () => {
  let g: TestInstance;
  let t: Targets;
  let directrice: AdminAgent;
  let directriceCsrf: string;
  let directeur: AdminAgent;
  let directeurCsrf: string;
  let inPublic: AdminAgent;
  let leakTokens: string[];

  const db = () => g.database.db;

  /** Waits (bounded) until the outbox worker has sent what is pending, so the snapshots compare settled data. */
  async function settleOutbox() {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await db().select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
      if (row!.n === 0) return;
      if (Date.now() > deadline) throw new Error(`${row!.n} outbox row(s) still pending after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function snapshot(options: { exceptStatisticsOf?: number } = {}) {
    await settleOutbox();
    return {
      accounts: await db().select().from(accounts).orderBy(asc(accounts.id)),
      outbox: await db().select().from(outbox).orderBy(asc(outbox.id)),
      notificationBatches: await db().select().from(notificationBatches).orderBy(asc(notificationBatches.id)),
      emailVerifications: await db().select().from(emailVerifications).orderBy(asc(emailVerifications.tokenHash)),
      statisticsSnapshots: (await db().select().from(statisticsSnapshots).orderBy(asc(statisticsSnapshots.establishmentId))).filter(
        (s) => s.establishmentId !== options.exceptStatisticsOf,
      ),
    };
  }

  /** The tables whose rows differ between two snapshots. */
  function changedTables(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    return Object.keys(before).filter((table) => !isDeepStrictEqual(before[table], after[table])).map((table) => `the database changed: ${table}`);
  }

  type Response = { status: number; body: string; location: string | undefined };

  /** One request with an agent's cookies (or none), the agent's CSRF token added to POST forms when given. */
  async function send(agent: AdminAgent | null, method: Method | 'HEAD', url: string, form?: Form, cookieOverride?: string): Promise<Response> {
    const cookie = cookieOverride ?? (agent ? [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '');
    const headers: Record<string, string> = cookie ? { cookie } : {};
    let payload: string | undefined;
    if (method === 'POST') {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form ?? {})) for (const one of ([] as string[]).concat(v)) body.append(k, one);
      payload = body.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const r = await g.app.inject({ method, url, headers, payload });
    const location = r.headers.location === undefined ? undefined : String(r.headers.location);
    return { status: r.statusCode, body: r.body, location };
  }

  const leaksIn = (body: string) => leakTokens.filter((token) => body.includes(token));

  before(async () => {
    g = await demoInstance();
    const [ecole, collegePublic, prive] = await Promise.all([ECOLE, COLLEGE_PUBLIC, COLLEGE_PRIVE].map((uai) => establishmentId(g, uai)));
    const exclusive = async (establishment: number, state: string) => {
      const [row] = await queryRows<{ id: string }>(
        db(),
        sql`select a.id from accounts a
            where a.kind = 'guardian' and a.state = ${state} and a.email is not null
              and ${linkedToEstablishment(sql`a.id`, establishment)} and not ${linkedToEstablishment(sql`a.id`, prive!)}
            order by a.identifier limit 1`,
      );
      assert.ok(row, `no ${state} account of establishment ${establishment} outside the collège privé`);
      return row.id;
    };
    const fontanel = await accountOf(g, 'b.fontanel');
    const [herOwn] = await queryRows<{ id: string }>(
      db(),
      sql`select a.id from accounts a where a.kind = 'guardian' and a.state = 'notifie' and ${linkedToEstablishment(sql`a.id`, prive!)}
            and not ${linkedToEstablishment(sql`a.id`, ecole!)} and not ${linkedToEstablishment(sql`a.id`, collegePublic!)} order by a.identifier limit 1`,
    );
    const classIds = await queryRows<{ id: number }>(db(), sql`select id from classes where establishment_id = ${ecole} order by id`);
    const ids = {
      nonNotifie: await exclusive(ecole!, 'non_notifie'),
      notifie: fontanel.id,
      enCours: await exclusive(ecole!, 'en_cours'),
      active: await exclusive(ecole!, 'active'),
      publicNotifie: await exclusive(collegePublic!, 'notifie'),
      publicActive: await exclusive(collegePublic!, 'active'),
    };
    const [fontanelGuardian] = await queryRows<{ lastName: string }>(db(), sql`select last_name as "lastName" from guardians where account_id = ${fontanel.id}`);

    // directeur.demo works: a sheet batch in the école, an activation resent, an e-mail batch in the collège public,
    // the statistics of both — so that every kind of id directrice could forge exists.
    directeur = await adminOf(g, 'directeur.demo', ECOLE);
    directeurCsrf = await directeur.csrf();
    const sheet = await validate(
      directeur,
      (await directeur.post('/admin/responsables/notifier', { ...notifyForm([ids.notifie, ids.active]), _csrf: directeurCsrf })).body,
      '/admin/responsables/notifier/valider',
    );
    assert.equal(sheet.status, 303);
    const sheetBatch = String(sheet.headers.location).split('/').pop()!;
    const enCoursRow = await db().query.accounts.findFirst({ where: eq(accounts.id, ids.enCours) });
    assert.equal((await directeur.post(`/admin/responsables/compte/${ids.enCours}/activation`, { email: enCoursRow!.email!, _csrf: directeurCsrf })).status, 303);
    assert.equal((await directeur.post('/admin/statistiques/calculer', { _csrf: directeurCsrf })).status, 303);
    inPublic = await adminOf(g, 'directeur.demo', COLLEGE_PUBLIC);
    const publicCsrf = await inPublic.csrf();
    const mail = await validate(
      inPublic,
      (await inPublic.post('/admin/responsables/notifier', { ...notifyForm(ids.publicNotifie, { canal: 'email' }), _csrf: publicCsrf })).body,
      '/admin/responsables/notifier/valider',
    );
    assert.equal(mail.status, 303);
    const emailBatch = String(mail.headers.location).split('/').pop()!;
    assert.equal((await inPublic.post('/admin/statistiques/calculer', { _csrf: publicCsrf })).status, 303);

    t = {
      ecole: ecole!,
      collegePublic: collegePublic!,
      prive: prive!,
      ecoleClassIds: classIds.map((c) => c.id),
      ...ids,
      all: Object.values(ids),
      sheetBatch,
      emailBatch,
      fontanelLastName: fontanelGuardian!.lastName,
      herOwn: herOwn!.id,
    };

    // What must never reach directrice: the identifiers, e-mails, provisional passwords and names of these
    // families (guardians and children), and the names of directeur's establishments and classes. A name that
    // also belongs to someone of her collège is left out (she may rightly see it).
    const people = await queryRows<{ firstName: string; lastName: string; who: string }>(
      db(),
      sql`select g.first_name as "firstName", g.last_name as "lastName", 'target' as who from guardians g where g.account_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(t.all)}::jsonb))
          union all
          select s.first_name, s.last_name, 'target' from guardians g join guardian_students gs on gs.guardian_id = g.id join students s on s.id = gs.student_id
            where g.account_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(t.all)}::jsonb))
          union all
          select s.first_name, s.last_name, 'hers' from students s where s.establishment_id = ${t.prive}
          union all
          select g.first_name, g.last_name, 'hers' from guardians g join guardian_students gs on gs.guardian_id = g.id join students s on s.id = gs.student_id where s.establishment_id = ${t.prive}`,
    );
    const fullNames = (p: { firstName: string; lastName: string }) => [`${p.lastName.toLocaleUpperCase('fr-FR')} ${p.firstName}`, `${p.firstName} ${p.lastName.toLocaleUpperCase('fr-FR')}`, `${p.firstName} ${p.lastName}`];
    const hers = new Set(people.filter((p) => p.who === 'hers').flatMap(fullNames));
    const names = people.filter((p) => p.who === 'target').flatMap(fullNames).filter((n) => !hers.has(n));
    const rows = await Promise.all(t.all.map((id) => db().query.accounts.findFirst({ where: eq(accounts.id, id) })));
    const secrets = rows.flatMap((a) => [a!.identifier, a!.email ?? '', readProvisionalPassword(g.deps, a!) ?? '']).filter(Boolean);
    const escaped = (s: string) => [s, s.replaceAll('&', '&amp;').replaceAll("'", '&#39;').replaceAll('"', '&quot;')];
    leakTokens = [...new Set([...secrets, ...names, '0990101X', '0990202G', 'JULES FERRY', 'GEORGE SAND', 'DARTHOUT', 'PUJOL', '%PDF'].flatMap(escaped))];
    assert.ok(secrets.length >= 12 && names.length >= 6, 'the leak check has something to look for');

    directrice = await adminOf(g, 'directrice.demo');
    directriceCsrf = await directrice.csrf();
    assert.match((await directrice.get('/admin')).body, /0990303S/, 'directrice works in her collège');
    // Her own figures exist before she forges anything, so that a recomputation is a change of hers only.
    assert.equal((await directrice.post('/admin/statistiques/calculer', { _csrf: directriceCsrf })).status, 303);
  });
  after(async () => {
    await g?.close();
  });

  test('every route under /admin is in the matrix, and every row of the matrix is a route', async () => {
    // A fresh instance: collect what the console registers, with an onRoute hook set before it registers.
    const probe = Fastify();
    const registered: string[] = [];
    probe.addHook('onRoute', (route) => {
      for (const method of ([] as string[]).concat(route.method)) registered.push(`${method} ${route.url}`);
    });
    await registerAdmin(probe, adminDeps(g), ADMIN_FEATURES);
    await probe.ready();
    await probe.close();
    const covered = new Set(MATRIX.map((spec) => spec.route));
    const withoutHead = (routes: string[]) => [...new Set(routes.filter((r) => !r.startsWith('HEAD ')))].sort();
    const fresh = withoutHead(registered.filter(isAdmin));
    // …and what the running Guichet really serves under /admin (a route added outside registerAdmin shows here).
    const served = withoutHead(routesOfTree(g.app.printRoutes({ commonPrefix: false })).filter(isAdmin));
    assert.ok(fresh.length >= 19, `onRoute saw only ${fresh.length} console routes`);
    assert.deepEqual(served, fresh, 'the running server and a fresh registerAdmin() serve the same /admin routes');
    assert.deepEqual(
      fresh.filter((r) => !covered.has(r)),
      [],
      'console routes missing from the authorization matrix of test/admin-authorization.db.test.ts: add a row for each',
    );
    assert.deepEqual([...covered].filter((r) => !fresh.includes(r)).sort(), [], 'matrix rows that are no longer routes');
    // Every GET is also served for HEAD (and checked as such below).
    for (const route of fresh.filter((r) => r.startsWith('GET '))) assert.ok(registered.includes(route.replace('GET ', 'HEAD ')), `${route} has no HEAD`);
  });

  test("directrice.demo with directeur.demo's ids: refused or her own page, no data of his families, nothing changed", async () => {
    const before = await snapshot({ exceptStatisticsOf: t.prive });
    const problems: string[] = [];
    for (const spec of MATRIX) {
      for (const attempt of spec.forged(t)) {
        const agent = attempt.throwaway ? await adminOf(g, 'directrice.demo') : directrice;
        const csrf = attempt.throwaway ? await agent.csrf() : directriceCsrf;
        const what = (method: string) => `${method} ${attempt.url}${attempt.form ? ` ${JSON.stringify(attempt.form)}` : ''} [row ${spec.route}]`;
        const methods: Array<Method | 'HEAD'> = attempt.method === 'GET' ? ['GET', 'HEAD'] : ['POST'];
        for (const method of methods) {
          const r = await send(agent, method, attempt.url, attempt.form && { ...attempt.form, _csrf: csrf });
          if (r.status !== attempt.status) {
            let followed = '';
            if (r.status === 303 && r.location) followed = ` → ${r.location} answers ${(await send(agent, 'GET', r.location)).status} to her`;
            problems.push(`${what(method)}: status ${r.status}${followed}, expected ${attempt.status}${followed ? ' (or a redirect to a page of hers)' : ''}`);
          }
          if (attempt.location !== undefined && r.location !== attempt.location) problems.push(`${what(method)}: redirected to ${r.location}, expected ${attempt.location}`);
          const leaked = leaksIn(r.body);
          if (leaked.length > 0) problems.push(`${what(method)}: the response shows ${leaked.join(', ')}`);
          if (r.status === 303 && r.location) {
            const next = await send(agent, 'GET', r.location);
            const leakedNext = leaksIn(next.body);
            if (leakedNext.length > 0) problems.push(`${what(method)}: the page it redirects to shows ${leakedNext.join(', ')}`);
          }
          if (attempt.sameAs && method === 'GET') {
            const reference = await send(agent, 'GET', attempt.sameAs);
            if (reference.body !== r.body) problems.push(`${what(method)}: not the same page as ${attempt.sameAs}`);
          }
        }
      }
    }
    // Her session still works in her own collège (the establishment choice was refused).
    const home = await directrice.get('/admin');
    assert.equal(home.status, 200);
    assert.match(home.body, /0990303S/);
    problems.push(...changedTables(before, await snapshot({ exceptStatisticsOf: t.prive })));
    if (problems.length > 0) assert.fail(`authorization problems:\n${problems.join('\n')}`);
  });

  test('the owner reaches every page directrice was refused, and sees there what the leak check looks for (the matrix is not vacuous)', async () => {
    const publicIds = [t.publicNotifie, t.publicActive, t.emailBatch];
    let seen = 0;
    for (const spec of MATRIX.filter((s) => s.route.startsWith('GET '))) {
      // An e-mail batch has no PDF, for its owner either.
      for (const attempt of spec.forged(t).filter((a) => a.status === 404 && a.url !== `/admin/responsables/courriers/${t.emailBatch}.pdf`)) {
        const owner = publicIds.some((id) => attempt.url.includes(id)) ? inPublic : directeur;
        const r = await send(owner, 'GET', attempt.url);
        // The activation page of an account that is not En cours d'activation sends the owner to the account page.
        const ok = r.status === 200 || (r.status === 303 && /^\/admin\/responsables\/compte\/[0-9a-f-]{36}$/.test(r.location ?? ''));
        assert.ok(ok, `${attempt.url}: the owner gets ${r.status} ${r.location ?? ''}`);
        if (r.status === 200 && !attempt.url.endsWith('.pdf')) {
          assert.ok(leaksIn(r.body).length > 0, `${attempt.url}: the owner's page shows none of the leak tokens`);
          seen += 1;
        }
      }
    }
    assert.ok(seen >= 8, `only ${seen} owner pages checked`);
  });

  test('every POST without the form token (or with a forged one, or another session\'s) is refused with 403 and changes nothing', async () => {
    const before = await snapshot();
    const sessionsBefore = (await db().select({ n: count() }).from(staffSessions))[0]!.n;
    const problems: string[] = [];
    for (const spec of MATRIX.filter((s) => s.route.startsWith('POST '))) {
      const { url, form = {} } = spec.sample(t);
      if (spec.public) {
        // The sign-in form: its token is the sign-in page's cookie; a real password does not get past a missing token.
        const anonymous = adminAgent(g);
        await anonymous.get('/admin/connexion');
        for (const token of [undefined, 'forged', directeurCsrf]) {
          const r = await send(anonymous, 'POST', url, token === undefined ? form : { ...form, _csrf: token });
          if (r.status !== 403) problems.push(`${spec.route} with _csrf=${token}: status ${r.status}, expected 403`);
          if (r.location) problems.push(`${spec.route} with _csrf=${token}: redirected to ${r.location} (signed in?)`);
        }
        continue;
      }
      for (const token of [undefined, '', 'forged', directriceCsrf]) {
        const r = await send(directeur, 'POST', url, token === undefined ? form : { ...form, _csrf: token });
        if (r.status !== 403) problems.push(`${spec.route} with _csrf=${JSON.stringify(token)}: status ${r.status}, expected 403`);
        if (r.status === 403 && leaksIn(r.body).length > 0) problems.push(`${spec.route}: the 403 shows ${leaksIn(r.body).join(', ')}`);
      }
    }
    problems.push(...changedTables(before, await snapshot()));
    if (problems.length > 0) assert.fail(`CSRF problems:\n${problems.join('\n')}`);
    assert.equal((await db().select({ n: count() }).from(staffSessions))[0]!.n, sessionsBefore, 'a session was created or ended');
    // The refusals were the token's doing: directeur's session and school are intact, and with the token the
    // harmless requests go through.
    const home = await directeur.get('/admin');
    assert.equal(home.status, 200);
    assert.match(home.body, /class="uai">0990101X</);
    for (const spec of MATRIX.filter((s) => s.harmless)) {
      const { url, form = {} } = spec.sample(t);
      const r = await send(directeur, 'POST', url, { ...form, _csrf: directeurCsrf });
      assert.equal(r.status, 200, `${spec.route} with the token`);
    }
  });

  test('every console page without a session (or with an unknown one) sends to /admin/connexion (303) and shows nothing', async () => {
    const before = await snapshot();
    const problems: string[] = [];
    for (const spec of MATRIX.filter((s) => !s.public && s.route.startsWith('GET '))) {
      const { url } = spec.sample(t);
      for (const [who, cookie] of [['no cookie', ''], ['unknown session', `${ADMIN_COOKIE}=${'x'.repeat(43)}`]] as const) {
        for (const method of ['GET', 'HEAD'] as const) {
          const r = await send(null, method, url, undefined, cookie);
          if (r.status !== 303 || r.location !== '/admin/connexion') problems.push(`${method} ${url} (${who}): ${r.status} → ${r.location}`);
          if (leaksIn(r.body).length > 0) problems.push(`${method} ${url} (${who}): shows ${leaksIn(r.body).join(', ')}`);
        }
      }
    }
    // The public pages stay public.
    assert.equal((await send(null, 'GET', '/admin/connexion')).status, 200);
    assert.equal((await send(null, 'GET', '/admin/deconnecte')).status, 200);
    problems.push(...changedTables(before, await snapshot()));
    if (problems.length > 0) assert.fail(problems.join('\n'));
  });

  test('every console form posted without a session (or with an unknown one) sends to /admin/connexion (303) and changes nothing', async () => {
    const before = await snapshot();
    const problems: string[] = [];
    for (const spec of MATRIX.filter((s) => !s.public && s.route.startsWith('POST '))) {
      const { url, form = {} } = spec.sample(t);
      // As a browser would post a page kept open after its session ended: the old page's token comes along.
      for (const [who, cookie] of [['no cookie', ''], ['unknown session', `${ADMIN_COOKIE}=${'x'.repeat(43)}`]] as const) {
        const r = await send(null, 'POST', url, { ...form, _csrf: directeurCsrf }, cookie);
        if (leaksIn(r.body).length > 0) problems.push(`POST ${url} (${who}): shows ${leaksIn(r.body).join(', ')}`);
        if (r.status !== 303 || r.location !== '/admin/connexion') {
          problems.push(`POST ${url} (${who}): ${r.status} → ${r.location}`);
        }
      }
    }
    problems.push(...changedTables(before, await snapshot()));
    if (problems.length > 0) assert.fail(problems.join('\n'));
  });

  test('a mixed selection (hers + his) acts on hers only: the forged ids are counted as refused and left alone', async () => {
    const his = await Promise.all([t.notifie, t.active].map((id) => db().query.accounts.findFirst({ where: eq(accounts.id, id) })));
    const confirmation = await directrice.post('/admin/responsables/notifier', { ...notifyForm([t.herOwn, t.notifie, t.active]), _csrf: directriceCsrf });
    assert.equal(confirmation.status, 200);
    assert.deepEqual(formFields(confirmation.body, '/admin/responsables/notifier/valider').accountIds, [t.herOwn], 'only her account is carried to the confirmation');
    assert.deepEqual(leaksIn(confirmation.body), []);
    // Valider with the forged ids put back in.
    const fields = formFields(confirmation.body, '/admin/responsables/notifier/valider');
    const done = await directrice.post('/admin/responsables/notifier/valider', { ...fields, accountIds: [t.herOwn, t.notifie, t.active] });
    assert.equal(done.status, 303);
    const result = await directrice.get(String(done.headers.location));
    assert.equal(result.status, 200);
    assert.match(result.body, /2 compte\(s\) n&#39;ont pas été traités|2 compte\(s\) n'ont pas été traités/);
    assert.deepEqual(leaksIn(result.body), []);
    const pdf = await g.app.inject({
      method: 'GET',
      url: `/admin/responsables/courriers/${String(done.headers.location).split('/').pop()}.pdf`,
      headers: { cookie: [...directrice.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(pdf.statusCode, 200);
    const pages = await pdfPages(pdf.rawPayload);
    assert.equal(pages.length, 1, 'one letter: hers');
    assert.deepEqual(leaksIn(pages.join('\n')), []);
    const csv = await directrice.post('/admin/responsables/liste', { format: 'csv', accountIds: [t.herOwn, ...t.all], _csrf: directriceCsrf });
    assert.equal(csv.status, 200);
    assert.deepEqual(leaksIn(csv.body), []);
    const reset = await directrice.post('/admin/responsables/reinitialiser/valider', { accountIds: [t.herOwn, t.notifie, t.active], depuis: 'liste', _csrf: directriceCsrf });
    assert.equal(reset.status, 303);
    assert.match(String(reset.headers.location), /refuses=2/);
    const hisAfter = await Promise.all([t.notifie, t.active].map((id) => db().query.accounts.findFirst({ where: eq(accounts.id, id) })));
    assert.deepEqual(hisAfter, his, "directeur's accounts did not change");
  });
});
