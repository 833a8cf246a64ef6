// "Gérer mon compte" in a real browser (SPEC §5 Profile): a guardian logs in on the login page, opens the profile
// from the portal, changes the password (with and without JavaScript), changes the e-mail address and follows the
// link read from the dev mailbox, and merges a second account; axe-core finds nothing on any page, the CSP blocks
// nothing of ours.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { accounts } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { withKnownPassword, withProfileRoutes } from '../../src/flows/profile/profile-test-kit.ts';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('profile in Chromium', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  before(async () => {
    g = await testInstance();
    await withProfileRoutes(g);
    await seedDemo(g.deps);
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  /** A page whose console errors are kept, to prove the CSP refused nothing of ours. */
  async function openPage(context: BrowserContext): Promise<{ page: Page; cspErrors: string[] }> {
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    return { page, cspErrors };
  }

  async function clean(page: Page, label: string) {
    assert.deepEqual(await axeViolations(page), [], `${label}: ${page.url()}`);
  }

  async function logIn(page: Page, identifier: string, password: string) {
    await page.goto(`${base}/`);
    await page.getByLabel('Identifiant').fill(identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/portail`);
  }

  async function changePassword(page: Page, current: string, next: string, confirmation = next) {
    await page.getByLabel('Mot de passe actuel', { exact: true }).fill(current);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(next);
    await page.getByLabel('Confirmation du nouveau mot de passe', { exact: true }).fill(confirmation);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.waitForLoadState();
  }

  test('a.nguessan changes the password and the e-mail address from "Gérer mon compte"', async () => {
    const context = await browser.newContext();
    const { page, cspErrors } = await openPage(context);
    await logIn(page, 'a.nguessan', 'Parent2026x');
    await page.getByRole('link', { name: 'Gérer mon compte' }).click();
    await page.waitForURL(`${base}/profil`);
    assert.equal(await page.title(), 'Gérer mon compte – EduConnect');
    const children = await page.locator('section[aria-labelledby="children-title"] li').allTextContents();
    assert.equal(children.length, 2);
    assert.ok(children.some((c) => c.includes('Zoé') && c.includes('ECOLE PRIMAIRE PUBLIQUE JULES FERRY') && c.includes('CM1 A')));
    assert.ok(children.some((c) => c.includes('Enzo') && c.includes('COLLEGE GEORGE SAND') && c.includes('5E2')));
    await clean(page, 'profile');

    // The eye reveals the new password; the strength bar (when its script exists) follows what is typed.
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('abc');
    const eyes = page.getByRole('button', { name: 'Afficher le mot de passe' });
    assert.equal(await eyes.count(), 4);
    await eyes.nth(1).click();
    assert.equal(await page.getAttribute('#new-password', 'type'), 'text');
    if ((await page.locator('.strength').count()) > 0) assert.match((await page.locator('#new-password-strength').textContent()) ?? '', /Force du mot de passe/);
    await clean(page, 'profile with the eye and the strength bar');

    // Refused: every unmet rule is listed, the page stays accessible.
    await changePassword(page, 'Parent2026x', 'abc', 'abd');
    assert.match((await page.locator('#new-password-error').textContent()) ?? '', /au moins 8 caractères/);
    assert.match((await page.locator('#confirm-password-error').textContent()) ?? '', /La confirmation ne correspond pas/);
    await clean(page, 'refused password');

    await changePassword(page, 'Parent2026x', 'Nouveau2027b');
    assert.equal(new URL(page.url()).search, '?resultat=mot-de-passe');
    assert.equal(await page.getByRole('status').textContent(), 'Votre mot de passe a été modifié.');
    await clean(page, 'password changed');

    // The e-mail address: a link goes to the new address, the account keeps the old one until it is opened.
    await page.getByLabel('Nouvelle adresse électronique').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
    await page.waitForLoadState();
    assert.match((await page.locator('#new-email-error').textContent()) ?? '', /Adresse électronique invalide\./);
    await clean(page, 'refused address');
    await page.getByLabel('Nouvelle adresse électronique').fill('anais.nouvelle@example.org');
    await page.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
    await page.waitForURL(`${base}/profil?resultat=adresse-envoyee`);
    assert.match((await page.getByRole('status').textContent()) ?? '', /Un lien de confirmation vient d'être envoyé/);
    assert.match((await page.locator('main').textContent()) ?? '', /anais\.nguessan@example\.net \(vérifiée\)/);
    await clean(page, 'link sent');

    await page.goto(`${base}/_dev/mailbox`);
    await page.getByRole('link', { name: 'Confirmez votre nouvelle adresse électronique' }).first().click();
    await page.waitForURL(/\/_dev\/mailbox\/[0-9a-f-]{36}$/);
    const href = await page.locator('a[href*="/profil/adresse/"]').first().getAttribute('href');
    assert.ok(href);
    const link = `${base}${new URL(href).pathname}`; // the letter names the issuer; the test server has its own port
    await page.goto(link);
    await page.waitForURL(`${base}/profil?resultat=adresse-modifiee`);
    assert.match((await page.getByRole('status').textContent()) ?? '', /Votre nouvelle adresse électronique est confirmée/);
    assert.match((await page.locator('main').textContent()) ?? '', /anais\.nouvelle@example\.org \(vérifiée\)/);
    await clean(page, 'address changed');
    const row = await g.database.db.query.accounts.findFirst({ where: eq(accounts.identifier, 'a.nguessan') });
    assert.equal(row?.email, 'anais.nouvelle@example.org');

    const again = await page.goto(link);
    assert.equal(again?.status(), 410);
    assert.match((await page.locator('h1').textContent()) ?? '', /Ce lien de confirmation a déjà servi/);
    await clean(page, 'used link');
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  test('the password change works with JavaScript disabled', async () => {
    await withKnownPassword(g, 'r.chateau', 'Regis2026a');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, 'r.chateau', 'Regis2026a');
    await page.goto(`${base}/profil`);
    assert.equal(await page.getByRole('button', { name: 'Afficher le mot de passe' }).count(), 0);
    assert.equal(await page.locator('.strength').count(), 0);
    await changePassword(page, 'Regis2026a', 'abc');
    assert.match((await page.locator('#new-password-error').textContent()) ?? '', /au moins 8 caractères/);
    await changePassword(page, 'Regis2026a', 'Moulin2027b');
    assert.equal(new URL(page.url()).search, '?resultat=mot-de-passe');
    assert.equal(await page.getByRole('status').textContent(), 'Votre mot de passe a été modifié.');
    assert.equal((await g.accounts.checkCredentials('r.chateau', 'Moulin2027b')).outcome, 'valid');
    // axe-core runs as a script, so it checks the same pages in a context with JavaScript (see the test above).
    await context.close();
  });

  test('a guardian merges a second account after a confirmation page', async () => {
    await withKnownPassword(g, 'h.laurent', 'Laurent2026a');
    await withKnownPassword(g, 'h.laurent2', 'Autre2026b');
    const context = await browser.newContext();
    const { page, cspErrors } = await openPage(context);
    await logIn(page, 'h.laurent', 'Laurent2026a');
    await page.goto(`${base}/profil`);
    await page.getByLabel("Identifiant de l'autre compte").fill('h.laurent2');
    await page.getByLabel("Mot de passe de l'autre compte", { exact: true }).fill('Mauvais2026');
    await page.getByRole('button', { name: 'Vérifier cet autre compte' }).click();
    await page.waitForLoadState();
    assert.match((await page.locator('#merge-error').textContent()) ?? '', /Identifiant ou mot de passe incorrect/);
    await clean(page, 'refused merge');

    await page.getByLabel("Mot de passe de l'autre compte", { exact: true }).fill('Autre2026b');
    await page.getByRole('button', { name: 'Vérifier cet autre compte' }).click();
    await page.waitForURL(/\/profil\/regroupement\/[0-9a-f-]{36}$/);
    assert.match((await page.locator('main').textContent()) ?? '', /Naëlle Laurent/);
    await clean(page, 'merge confirmation');
    await page.getByRole('button', { name: 'Regrouper mes comptes' }).click();
    await page.waitForURL(/\/profil\?resultat=regroupement/);
    assert.equal(
      await page.getByRole('status').textContent(),
      'Vos comptes ont été regroupés : votre enfant Naëlle Laurent est maintenant rattaché à ce compte.',
    );
    await clean(page, 'merged');
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  test('pages without a session and unknown links lead somewhere clear', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/profil`);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(new URL(page.url()).searchParams.get('retour'), '/profil');
    await withKnownPassword(g, 's.noel', 'Noel2026abc');
    await logIn(page, 's.noel', 'Noel2026abc');
    const unknown = await page.goto(`${base}/profil/adresse/lien-inconnu`);
    assert.equal(unknown?.status(), 404);
    await clean(page, 'unknown link');
    const stale = await page.goto(`${base}/profil/regroupement/00000000-0000-0000-0000-000000000000`);
    assert.equal(stale?.status(), 410);
    await clean(page, 'stale merge');
    await context.close();
  });
});
