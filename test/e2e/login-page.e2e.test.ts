// The login page in a real browser: it renders without JS, the keyboard reaches every field, axe-core finds nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';

// On a developer's machine without Chromium the journey is skipped with a reason; in CI it must run.
const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('login page in Chromium', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  before(async () => {
    g = await testInstance();
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  test('passes axe-core and is usable with the keyboard, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const response = await page.goto(`${base}/`);
      assert.equal(response!.status(), 200);
      assert.equal(await page.title(), 'Connexion – EduConnect');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Aller au contenu');
      await page.getByLabel('Identifiant').fill('v.niorb');
      await page.getByLabel('Mot de passe', { exact: true }).fill('BUNZ57DM');
      await page.getByLabel('Identifiant').press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
      if (javaScriptEnabled) {
        // The eye shows what was typed, and hides it again.
        await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
        assert.equal(await page.getAttribute('#password', 'type'), 'text');
        await page.getByRole('button', { name: 'Masquer le mot de passe' }).click();
        assert.equal(await page.getAttribute('#password', 'type'), 'password');
      } else {
        assert.equal(await page.getByRole('button', { name: 'Afficher le mot de passe' }).count(), 0);
      }
      await context.close();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of ['/', '/?identifiant=b.fontanel', '/nulle-part', '/aide', '/activation/lien-inconnu', '/mentions-legales', '/accessibilite']) {
      await page.goto(`${base}${path}`);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await context.close();
  });
});
