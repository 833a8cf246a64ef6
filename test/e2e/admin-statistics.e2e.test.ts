// The Statistiques tab in a real browser: sign in, compute, read the tables — with and without JavaScript —
// and axe-core finds nothing on the page, before and after the first computation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('console statistics in Chromium', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  async function signIn(page: Page) {
    await page.goto(`${base}/admin/connexion`);
    await page.getByLabel('Identifiant').fill('directrice.demo');
    await page.getByLabel('Mot de passe').fill('Demo-Guichet-2026');
    await page.getByRole('button', { name: /connecter/i }).click();
    await page.waitForURL(`${base}/admin`);
  }

  async function openStatistics(page: Page) {
    await page.getByRole('navigation', { name: 'Onglets de la console' }).getByRole('link', { name: 'Statistiques' }).click();
    await page.waitForURL(`${base}/admin/statistiques`);
    assert.equal(await page.title(), 'Statistiques – EduConnect - Administration des comptes');
  }

  async function computeAndRead(page: Page) {
    await page.getByRole('button', { name: 'Calculer les statistiques' }).click();
    await page.waitForURL(`${base}/admin/statistiques?calcule=1`);
    await page.getByText('Les statistiques ont été calculées.').waitFor();
    const summary = page.getByRole('table', { name: 'Synthèse des comptes responsables de la structure' });
    assert.equal(await summary.getByRole('columnheader').count(), 7);
    assert.match((await summary.getByRole('cell').last().textContent()) ?? '', /^\d+(\.\d{1,2})? %$/);
    for (const name of ['Synthèse des comptes responsables par classe', 'Synthèse des comptes responsables par niveau']) {
      assert.equal(await page.getByRole('table', { name }).getByRole('rowheader', { name: 'Total' }).count(), 1);
    }
    assert.match((await page.locator('#derniere-mise-a-jour').textContent()) ?? '', /^Dernière mise à jour le \d{2}-\d{2}-\d{4} à \d{2}:\d{2}:\d{2}$/);
  }

  test('directrice.demo computes and reads the statistics without JavaScript; axe-core finds nothing', async () => {
    // axe-core runs in the page, so it needs JavaScript: checked in a context of its own.
    const checked = await browser.newContext();
    const checkedPage = await checked.newPage();
    await signIn(checkedPage);
    await openStatistics(checkedPage);
    await checkedPage.getByText("n'ont pas encore été calculées").waitFor();
    assert.deepEqual(await axeViolations(checkedPage), [], 'before the first computation');

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await signIn(page);
    await openStatistics(page);
    await computeAndRead(page);
    await noScript.close();

    await checkedPage.reload();
    assert.equal(await checkedPage.getByRole('table').count(), 3);
    assert.deepEqual(await axeViolations(checkedPage), [], 'with the tables');
    await computeAndRead(checkedPage);
    assert.deepEqual(await axeViolations(checkedPage), [], 'with the success message');
    await checked.close();
  });
});
