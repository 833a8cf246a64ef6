// SPEC §4 Responsables in a real browser: a school head signs in, chooses an establishment, searches, selects,
// notifies by sheets and downloads the PDF, opens an account page — with and without JavaScript, axe-core clean.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { createOutboxQueue } from '../../src/messaging/outbox.ts';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('Responsables in Chromium', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    await createOutboxQueue(g.boss);
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  async function signInToEcole(page: Page) {
    await page.goto(`${base}/admin/connexion`);
    await page.getByLabel('Identifiant').fill('directeur.demo');
    await page.getByLabel('Mot de passe').fill('Demo-Guichet-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByLabel('Établissement à administrer').selectOption({ label: '0990101X - ECOLE PRIMAIRE PUBLIQUE JULES FERRY' });
    await page.getByRole('button', { name: 'Choisir cet établissement' }).click();
    await page.getByRole('navigation', { name: 'Onglets de la console' }).getByRole('link', { name: 'Responsables' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Responsables');
  }

  async function assertAccessible(page: Page, what: string) {
    assert.deepEqual(await axeViolations(page), [], what);
  }

  test('search, select, notify by sheets, download the PDF, open an account page (JavaScript on)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInToEcole(page);
    await page.getByLabel("Nom ou prénom d'un élève ou d'un responsable").fill('fontanel');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    assert.equal(await page.locator('tbody tr').count(), 1);
    await page.getByLabel("Nom ou prénom d'un élève ou d'un responsable").fill('');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    assert.match((await page.locator('.pager .range').textContent()) ?? '', /^1 à 50 sur \d+ élève\(s\)$/);
    await assertAccessible(page, 'search page with results');

    // The header box selects the page; the counter follows; the no-JS button is hidden.
    assert.equal(await page.locator('#tout-sans-js').isVisible(), false);
    const all = page.getByLabel('Sélectionner toutes les lignes de la page');
    await all.check();
    const distinct = await page.$$eval('input[name="accountIds"]', (boxes) => new Set(boxes.map((b) => (b as HTMLInputElement).value.split(':')[0])).size);
    assert.equal(await page.locator('#compteur').textContent(), String(distinct));
    await all.uncheck();
    assert.equal(await page.locator('#compteur').textContent(), '0');
    const boxes = page.locator('input[name="accountIds"]');
    await boxes.nth(0).check();
    await boxes.nth(5).check();
    const chosen = new Set([(await boxes.nth(0).getAttribute('value'))!.split(':')[0], (await boxes.nth(5).getAttribute('value'))!.split(':')[0]]);
    assert.equal(await page.locator('#compteur').textContent(), String(chosen.size));

    await page.getByRole('button', { name: 'Par feuilles individuelles imprimables' }).click();
    assert.match((await page.locator('.question').textContent()) ?? '', /Êtes-vous sûr de vouloir notifier le\(s\) compte\(s\) \(par feuille individuelle\) \?/);
    await assertAccessible(page, 'confirmation page');
    await page.getByRole('button', { name: 'Valider' }).click();
    assert.match(page.url(), /\/admin\/responsables\/distributions\/[0-9a-f-]{36}$/);
    assert.match((await page.locator('main').textContent()) ?? '', /La distribution a été effectuée avec succès pour le\(s\) compte\(s\) sélectionné\(s\)\./);
    await assertAccessible(page, 'result page');
    const href = await page.getByRole('link', { name: 'Télécharger le courrier au format PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${base}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    // Back to the list: the search runs again; then an account page.
    await page.getByRole('link', { name: 'Retour à la liste' }).click();
    assert.ok((await page.locator('tbody tr').count()) > 0);
    await page.locator('tbody tr').first().getByRole('link', { name: /^Consulter/ }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Informations du compte');
    assert.match((await page.locator('main').textContent()) ?? '', /Seuls les mots de passe provisoires sont affichés/);
    await assertAccessible(page, 'account page');
    await page.getByRole('link', { name: 'Retour à la liste' }).click();
    assert.match((await page.locator('.pager .range').textContent()) ?? '', /^1 à 50 sur/);
    await context.close();
  });

  test('without JavaScript: "Tout sélectionner" then notify by sheets', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInToEcole(page);
    await page.getByLabel("Nom ou prénom d'un élève ou d'un responsable").fill('nguessan');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const rows = await page.locator('tbody tr').count();
    assert.ok(rows > 0);
    await page.getByRole('button', { name: 'Tout sélectionner' }).click();
    assert.equal(await page.locator('input[name="accountIds"]:checked').count(), rows);
    await page.getByRole('button', { name: 'Par feuilles individuelles imprimables' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    assert.match((await page.locator('main').textContent()) ?? '', /La distribution a été effectuée avec succès/);
    const href = await page.getByRole('link', { name: 'Télécharger le courrier au format PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${base}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await context.close();
  });
});
