// Security baseline / SPEC §4 "an admin never sees or acts on an establishment outside their own": every route
// of Responsables, tried by the admin of another establishment with forged ids — 404 or 403, no data, no change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq, sql } from 'drizzle-orm';
import { accounts, auditEvents, notificationBatches, outbox } from '../../db/schema.ts';
import { queryRows } from '../../db/rows.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import { adminAgent, type AdminAgent } from '../../../test/helpers/admin.ts';
import { linkedToEstablishment } from './sql-fragments.ts';
import { accountOf, adminOf, demoInstance, ECOLE, establishmentId, validate } from './test-kit.ts';

describe('Responsables: the authorization matrix', () => {
  let g: TestInstance;
  let directrice: AdminAgent;
  let csrf: string;
  let target: { fontanel: string; enCours: string; batchId: string };
  const snapshot = async () => ({
    accounts: await g.database.db.select().from(accounts).orderBy(accounts.id),
    outbox: (await g.database.db.select({ n: count() }).from(outbox))[0]!.n,
    batches: (await g.database.db.select({ n: count() }).from(notificationBatches))[0]!.n,
    actions: (await g.database.db.select({ n: count() }).from(auditEvents).where(sql`${auditEvents.action} like 'account.%' or ${auditEvents.action} like 'console.%'`))[0]!.n,
  });

  before(async () => {
    g = await demoInstance();
    const directeur = await adminOf(g, 'directeur.demo', ECOLE);
    const fontanel = (await accountOf(g, 'b.fontanel')).id;
    const ecole = await establishmentId(g, ECOLE);
    const [enCours] = await queryRows<{ id: string }>(
      g.database.db,
      sql`select a.id from accounts a where a.state = 'en_cours' and ${linkedToEstablishment(sql`a.id`, ecole)} order by a.identifier limit 1`,
    );
    const confirmation = await directeur.post('/admin/responsables/notifier', { accountIds: fontanel, canal: 'sheet', depuis: 'liste', _csrf: await directeur.csrf() });
    const done = await validate(directeur, confirmation.body, '/admin/responsables/notifier/valider');
    target = { fontanel, enCours: enCours!.id, batchId: String(done.headers.location).split('/').pop()! };
    directrice = await adminOf(g, 'directrice.demo');
    csrf = await directrice.csrf();
  });
  after(async () => {
    await g?.close();
  });

  const gets = () => [
    `/admin/responsables/compte/${target.fontanel}`,
    `/admin/responsables/compte/${target.enCours}/activation`,
    `/admin/responsables/distributions/${target.batchId}`,
    `/admin/responsables/courriers/${target.batchId}.pdf`,
  ];
  const posts = (): Array<[string, Record<string, string | string[]>]> => [
    ['/admin/responsables/notifier', { accountIds: [target.fontanel, target.enCours], canal: 'sheet', depuis: 'liste' }],
    ['/admin/responsables/notifier', { accountIds: target.fontanel, canal: 'email', reinitialiser: '1', depuis: 'compte' }],
    ['/admin/responsables/notifier/valider', { accountIds: [target.fontanel, target.enCours], canal: 'email', reinitialiser: '1', depuis: 'liste', requete: crypto.randomUUID() }],
    ['/admin/responsables/notifier/valider', { accountIds: target.fontanel, canal: 'sheet', depuis: 'compte', requete: target.batchId }],
    ['/admin/responsables/reinitialiser', { accountIds: [target.fontanel], depuis: 'liste' }],
    ['/admin/responsables/reinitialiser/valider', { accountIds: [target.fontanel, target.enCours], depuis: 'liste' }],
    ['/admin/responsables/reinitialiser/valider', { accountIds: target.fontanel, depuis: 'compte' }],
    [`/admin/responsables/compte/${target.enCours}/activation`, { email: 'pirate@example.org' }],
  ];

  test('another establishment\'s admin gets 404 on every route, learns nothing, changes nothing', async () => {
    const before = await snapshot();
    const identifiers = (await g.database.db.select({ identifier: accounts.identifier }).from(accounts).where(sql`${accounts.id} in (${target.fontanel}, ${target.enCours})`)).map((r) => r.identifier);
    const leaks = (body: string) => identifiers.some((id) => body.includes(id)) || /FONTANEL|Fontanel|BUNZ57DM|%PDF/.test(body);
    for (const url of gets()) {
      const r = await directrice.get(url);
      assert.equal(r.status, 404, url);
      assert.ok(!leaks(r.body), url);
    }
    for (const [url, form] of posts()) {
      const r = await directrice.post(url, { ...form, _csrf: csrf });
      assert.equal(r.status, 404, `${url} ${JSON.stringify(form)}`);
      assert.ok(!leaks(r.body), url);
    }
    for (const form of [{ canal: 'fax' }, { canal: 'sheet', requete: 'not-a-uuid' }] as Array<Record<string, string>>) {
      const r = await directrice.post('/admin/responsables/notifier/valider', { accountIds: target.fontanel, ...form, _csrf: csrf });
      assert.equal(r.status, 400);
    }
    const search = await directrice.get('/admin/responsables?rechercher=1&texte=fontanel');
    assert.ok(!leaks(search.body));
    assert.deepEqual(await snapshot(), before);
  });

  test('every POST needs the form token (403); every route needs a signed-in admin with an establishment', async () => {
    const before = await snapshot();
    const directeur = await adminOf(g, 'directeur.demo', ECOLE);
    for (const [url, form] of posts()) {
      assert.equal((await directeur.post(url, form)).status, 403, url);
      assert.equal((await directeur.post(url, { ...form, _csrf: 'forged' })).status, 403, url);
    }
    assert.deepEqual(await snapshot(), before);
    const anonymous = adminAgent(g);
    for (const url of ['/admin/responsables', ...gets()]) {
      const r = await anonymous.get(url);
      assert.equal(r.status, 303, url);
      assert.equal(r.headers.location, '/admin/connexion');
    }
    const undecided = await adminOf(g, 'directeur.demo'); // two establishments, none chosen yet
    for (const url of ['/admin/responsables', ...gets()]) {
      const r = await undecided.get(url);
      assert.equal(r.status, 303, url);
      assert.equal(r.headers.location, '/admin?choisir=1');
    }
    const undecidedCsrf = await undecided.csrf();
    for (const [url, form] of posts()) assert.equal((await undecided.post(url, { ...form, _csrf: undecidedCsrf })).status, 303, url);
    assert.deepEqual(await snapshot(), before);
  });

  test('the owner of the batch still reads it (the matrix is not vacuous)', async () => {
    const directeur = await adminOf(g, 'directeur.demo', ECOLE);
    assert.equal((await directeur.get(`/admin/responsables/compte/${target.fontanel}`)).status, 200);
    assert.equal((await directeur.get(`/admin/responsables/distributions/${target.batchId}`)).status, 200);
    assert.equal((await directeur.get(`/admin/responsables/compte/${target.enCours}/activation`)).status, 200);
    const [row] = await g.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'console.credentials_distributed'), eq(auditEvents.actorKind, 'staff')));
    assert.ok(row);
  });
});
