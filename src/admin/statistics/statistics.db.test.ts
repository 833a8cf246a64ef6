import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, ne } from 'drizzle-orm';
import { accounts, auditEvents, statisticsSnapshots } from '../../db/schema.ts';
import { SYSTEM } from '../../audit/record.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { signedInAdmin } from '../../../test/helpers/admin.ts';
import { FIXTURE_PASSWORD, makeSchoolFixture, type SchoolFixture } from './test-fixture.ts';
import { computeStatistics } from './compute.ts';
import { loadSnapshot } from './queries.ts';

/** The text of each row of a table of the page, cells separated by " | ". */
function tableRows(html: string, id: string): string[] {
  const table = new RegExp(`<table class="data" id="${id}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `table #${id} on the page`);
  return [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()).join(' | '),
  );
}

describe('Statistiques (SPEC §4, guide §6.1)', () => {
  let g: TestInstance;
  let school: SchoolFixture;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    school = await makeSchoolFixture(g, '0999001X', 'stats.fixture');
  });
  after(async () => {
    await g?.close();
  });

  test('before any computation the page invites to compute; the button computes this establishment only', async () => {
    const admin = await signedInAdmin(g, school.login, FIXTURE_PASSWORD);
    let page = await admin.get('/admin/statistiques');
    assert.equal(page.status, 200);
    assert.match(page.body, /aria-current="page"[^>]*>Statistiques</);
    assert.match(page.body, /n'ont pas encore été calculées : cliquez sur « Calculer les statistiques »/);
    assert.doesNotMatch(page.body, /<table/);

    const computed = await admin.post('/admin/statistiques/calculer', { _csrf: await admin.csrf() });
    assert.equal(computed.status, 303);
    assert.equal(computed.headers.location, '/admin/statistiques?calcule=1');
    const snapshots = await g.database.db.select({ id: statisticsSnapshots.establishmentId }).from(statisticsSnapshots);
    assert.deepEqual(snapshots.map((s) => s.id), [school.establishmentId]);
    const [audit] = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'statistics.computed'));
    assert.equal(audit!.establishmentId, school.establishmentId);

    page = await admin.get('/admin/statistiques?calcule=1');
    assert.match(page.body, /Les statistiques ont été calculées\./);
    // 08:00 UTC on 23 November is 09:00 in Paris.
    assert.match(page.body, /Dernière mise à jour le 23-11-2026 à 09:00:00/);
    assert.deepEqual(tableRows(page.body, 'synthese'), [
      "Nombre de comptes responsables | Nombre de comptes non notifiés | Nombre de comptes notifiés et non activés | Nombre de comptes en cours d'activation | Nombre de comptes activés | % de comptes resp. avec un compte activé | % d'élèves ayant au moins un resp. avec un compte activé",
      '4 | 4 | 0 | 0 | 0 | 0 % | 0 %',
    ]);
    assert.deepEqual(tableRows(page.body, 'par-classe').slice(1), ['CE1-CE2 Fixture | 2 | 2 | 0 | 0 | 0 | 0 %', 'CP Fixture | 3 | 3 | 0 | 0 | 0 | 0 %', 'Total | 5 | 5 | 0 | 0 | 0 | 0 %']);
    assert.deepEqual(tableRows(page.body, 'par-niveau').slice(1), ['CP | 3 | 3 | 0 | 0 | 0 | 0 %', 'CE1 | 1 | 1 | 0 | 0 | 0 | 0 %', 'CE2 | 1 | 1 | 0 | 0 | 0 | 0 %', 'Total | 5 | 5 | 0 | 0 | 0 | 0 %']);
    assert.match(page.body, /<caption>Synthèse des comptes responsables par classe<\/caption>/);
    assert.match(page.body, /<th scope="col">Classe<\/th>/);
    assert.match(page.body, /<th scope="row">Total<\/th>/);
    assert.match(page.body, /Il est normal que les nombres en ligne « Total » du détail par classe et par niveau ne soient pas les mêmes/);
  });

  test('the figures move after a notification and an activation, once recomputed', async () => {
    g.clock.advance(3_600_000 + 25_000);
    const admin = await signedInAdmin(g, school.login, FIXTURE_PASSWORD);
    await g.accounts.notify({ accountIds: [school.accounts.A.id, school.accounts.C.id], channel: 'sheet', reset: false }, SYSTEM);
    // A activates (first login, then the C07 link).
    await g.accounts.setOwnPassword({ accountId: school.accounts.A.id, password: 'Famille2027' }, SYSTEM);
    await g.database.db.update(accounts).set({ state: 'active' }).where(eq(accounts.id, school.accounts.A.id));

    let page = await admin.get('/admin/statistiques');
    assert.match(page.body, /Dernière mise à jour le 23-11-2026 à 09:00:00/, 'the page shows the last computation, not the live state');
    assert.equal(tableRows(page.body, 'synthese')[1], '4 | 4 | 0 | 0 | 0 | 0 % | 0 %');

    await admin.post('/admin/statistiques/calculer', { _csrf: await admin.csrf() });
    page = await admin.get('/admin/statistiques');
    assert.match(page.body, /Dernière mise à jour le 23-11-2026 à 10:00:25/);
    // A active, C notified, B and D not notified; Alice and Hugo have an activated guardian (2 of 4).
    assert.equal(tableRows(page.body, 'synthese')[1], '4 | 2 | 1 | 0 | 1 | 25 % | 50 %');
    assert.deepEqual(tableRows(page.body, 'par-classe').slice(1), [
      'CE1-CE2 Fixture | 2 | 0 | 1 | 0 | 1 | 50 %',
      'CP Fixture | 3 | 2 | 0 | 0 | 1 | 33.33 %',
      'Total | 5 | 2 | 1 | 0 | 2 | 40 %',
    ]);
    assert.deepEqual(tableRows(page.body, 'par-niveau').slice(1), [
      'CP | 3 | 2 | 0 | 0 | 1 | 33.33 %',
      'CE1 | 1 | 0 | 0 | 0 | 1 | 100 %',
      'CE2 | 1 | 0 | 1 | 0 | 0 | 0 %',
      'Total | 5 | 2 | 1 | 0 | 2 | 40 %',
    ]);
  });

  test("another establishment's admin never sees these numbers", async () => {
    const directrice = await signedInAdmin(g, 'directrice.demo');
    let page = await directrice.get('/admin/statistiques');
    assert.match(page.body, /n'ont pas encore été calculées/, 'no snapshot of hers yet, and not the fixture school\'s');
    await directrice.post('/admin/statistiques/calculer', { _csrf: await directrice.csrf() });
    page = await directrice.get('/admin/statistiques');
    assert.doesNotMatch(page.body, /Fixture/);
    const mine = tableRows(page.body, 'synthese')[1]!;
    assert.notEqual(mine, '4 | 2 | 1 | 0 | 1 | 25 % | 50 %');
    // Her figures are those of her establishment, computed the same way as by the nightly run.
    const others = await g.database.db.select().from(statisticsSnapshots).where(ne(statisticsSnapshots.establishmentId, school.establishmentId));
    assert.equal(others.length, 1);
    const stored = await loadSnapshot(g.database.db, others[0]!.establishmentId);
    assert.equal(mine.split(' | ')[0], String(stored!.data.summary.accounts));
    assert.ok(stored!.data.summary.accounts > 0);
  });

  test('recomputing every establishment in small batches gives the same figures as one at a time', async () => {
    const db = g.database.db;
    const now = g.deps.clock();
    const outcome = await computeStatistics(db, 'all', now, { batchSize: 2 });
    assert.equal(outcome.establishments, 4);
    assert.equal(outcome.batches, 2);
    const all = await db.select().from(statisticsSnapshots);
    assert.equal(all.length, 4);
    for (const row of all) {
      const before = row.data;
      await computeStatistics(db, [row.establishmentId], now);
      const [again] = await db.select().from(statisticsSnapshots).where(eq(statisticsSnapshots.establishmentId, row.establishmentId));
      assert.deepEqual(again!.data, before);
    }
  });

  test('without its form token the computation is refused', async () => {
    const admin = await signedInAdmin(g, school.login, FIXTURE_PASSWORD);
    const refused = await admin.post('/admin/statistiques/calculer', {});
    assert.equal(refused.status, 403);
  });

  test('signed out, the page leads to the sign-in page', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/admin/statistiques' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/admin/connexion');
  });
});
