// Issue 9 in Chromium against the development FranceConnect: a guardian's first connection (FranceConnect, mobile,
// SMS code, birth date) to Activé with origin FranceConnect, a later login in one click, and the logout of both.
// axe-core checks every Guichet page and the development FranceConnect's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { startFranceConnectDev, type FranceConnectDev } from '../../examples/franceconnect-dev/server.tsx';
import { accounts, guardians } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { lastSmsCode } from '../../src/flows/sms-registration/test-kit.ts';
import { ACCOUNT_COOKIE } from '../../src/families/session.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { freePort } from '../helpers/oidc-instance.ts';
import { TEST_SECRET, testInstance, type TestInstance } from '../helpers/test-instance.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { loadSettings } from '../../src/config/settings.ts';
import { createGuichet } from '../../src/main.ts';
import { ensureDemoClient } from '../../src/services/demo-client.ts';
import { startDemoService, type DemoService } from '../../examples/demo-service/server.tsx';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';
const CLIENT = { clientId: 'guichet-e2e', clientSecret: 'secret-de-test-e2e-franceconnect' };

describe('FranceConnect in Chromium (issue 9, SPEC §5)', { skip }, () => {
  let g: TestInstance;
  let fc: FranceConnectDev;
  let browser: Browser;
  let base: string;
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    fc = await startFranceConnectDev({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      clients: [{ ...CLIENT, redirectUris: [`${base}/franceconnect/retour`], postLogoutRedirectUris: [`${base}/franceconnect/deconnexion`] }],
    });
    g = await testInstance({
      env: { GUICHET_ISSUER: base, FRANCECONNECT_ISSUER: fc.issuer, FRANCECONNECT_CLIENT_ID: CLIENT.clientId, FRANCECONNECT_CLIENT_SECRET: CLIENT.clientSecret },
    });
    await seedDemo(g.deps);
    await g.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
    await fc?.close();
  });

  const accessible = async (page: Page, what: string) => assert.deepEqual(await axeViolations(page), [], what);
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  test('first connection to Activé (origin FranceConnect), a later login in one click, logout of both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await accessible(page, 'login page');
    const about = page.getByRole('link', { name: /Qu'est-ce que FranceConnect \? \(nouvelle fenêtre\)/ });
    assert.equal(await about.getAttribute('target'), '_blank');
    assert.equal(await about.getAttribute('rel'), 'noopener');

    // Cancelled at FranceConnect: Guichet's refusal page, in French, with the way back.
    await page.getByRole('link', { name: "S'identifier avec FranceConnect" }).click();
    assert.equal(await h1(page), 'Connexion avec FranceConnect');
    await accessible(page, 'development FranceConnect');
    await page.getByRole('button', { name: 'Annuler et revenir au service' }).click();
    assert.equal(await h1(page), 'Connexion avec FranceConnect impossible');
    assert.match(await page.locator('main').innerText(), /Vous avez annulé la connexion avec FranceConnect/);
    await accessible(page, 'refusal');
    await page.getByRole('link', { name: 'Retour à la page de connexion' }).click();

    await page.getByRole('link', { name: "S'identifier avec FranceConnect" }).click();
    assert.equal(await h1(page), 'Connexion avec FranceConnect');
    await page.getByText('Bénédicte Marie Fontanel').click();
    await page.getByRole('button', { name: 'Continuer' }).click();

    assert.equal(await h1(page), 'Relier FranceConnect à votre compte');
    await accessible(page, 'mobile');
    await page.getByLabel('Téléphone portable').fill('06 39 98 00 01');
    await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click();
    assert.equal(await h1(page), 'Saisir le code reçu par SMS');
    await accessible(page, 'code');
    await page.getByLabel('Code reçu par SMS').fill('000000');
    await page.getByRole('button', { name: 'Valider le code' }).click();
    assert.equal(await page.title(), 'Erreur : Saisir le code reçu par SMS – EduConnect');
    await accessible(page, 'code refused');
    g.clock.advance(60_000); // past the number's growing delay
    await page.getByLabel('Code reçu par SMS').fill(await lastSmsCode(g.database.db, '+33639980001'));
    await page.getByRole('button', { name: 'Valider le code' }).click();

    assert.equal(await h1(page), 'Confirmer vos enfants');
    await accessible(page, 'children');
    await page.getByLabel('Date de naissance de Jade').fill('01/01/2020');
    await page.getByRole('button', { name: 'Continuer' }).click();
    assert.equal(await page.title(), 'Erreur : Confirmer vos enfants – EduConnect');
    await accessible(page, 'children refused');
    await page.getByLabel('Date de naissance de Jade').fill('14/03/2022');
    await page.getByRole('button', { name: 'Continuer' }).click();

    assert.equal(new URL(page.url()).pathname, '/portail');
    await accessible(page, 'portal');
    const [row] = await g.database.db.select({ state: accounts.state, origin: accounts.origin }).from(guardians).innerJoin(accounts, eq(accounts.id, guardians.accountId)).where(eq(guardians.lastName, 'Fontanel'));
    assert.deepEqual(row, { state: 'active', origin: 'franceconnect' });

    // Later: Guichet's session gone, FranceConnect's alive → one click, no page in between.
    await context.clearCookies({ name: ACCOUNT_COOKIE });
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: "S'identifier avec FranceConnect" }).click();
    assert.equal(new URL(page.url()).pathname, '/portail');

    // Logout: Guichet, then FranceConnect's end-session, then back to the login page.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${base}/?deconnecte=1`);
    assert.match(await page.locator('main').innerText(), /Vous êtes déconnecté\./);
    await accessible(page, 'logged out');
    await page.getByRole('link', { name: "S'identifier avec FranceConnect" }).click();
    assert.equal(await h1(page), 'Connexion avec FranceConnect', 'FranceConnect asks again: its session ended too');
    await context.close();
  });
});

// Issue 9 §3: FranceConnect is a login method of the same flows: from a school service (the demo ENT, OIDC) through
// FranceConnect and back into the service; later, one click on the button and the person is in the service again.
describe('FranceConnect for a school service (OIDC) in Chromium (issue 9)', { skip }, () => {
  let g: Awaited<ReturnType<typeof createGuichet>>;
  let drop: () => Promise<void>;
  let fc: FranceConnectDev;
  let demo: DemoService;
  let browser: Browser;
  let issuer: string;
  before(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    // FranceConnect on another host name than Guichet and the service (localhost vs 127.0.0.1), so that the test can
    // clear Guichet's and the service's cookies and keep FranceConnect's: the later login is then one click.
    fc = await startFranceConnectDev({
      port: 0,
      host: 'localhost',
      logLevel: 'silent',
      clients: [{ ...CLIENT, redirectUris: [`${issuer}/franceconnect/retour`], postLogoutRedirectUris: [`${issuer}/franceconnect/deconnexion`] }],
    });
    const database = await createTestDatabase();
    drop = database.drop;
    const settings = loadSettings({
      GUICHET_SECRET: TEST_SECRET,
      GUICHET_ISSUER: issuer,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      FRANCECONNECT_ISSUER: fc.issuer,
      FRANCECONNECT_CLIENT_ID: CLIENT.clientId,
      FRANCECONNECT_CLIENT_SECRET: CLIENT.clientSecret,
    });
    // Real time: the OIDC provider signs tokens with the system clock.
    g = await createGuichet(settings, { database: database.target });
    await seedDemo(g.deps);
    await g.app.listen({ port, host: '127.0.0.1' });
    const options = await ensureDemoClient(g.database.db, g.deps.secretBox, issuer, { port: await freePort(), host: '127.0.0.1' });
    demo = await startDemoService({ ...options, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await g?.close();
    await drop?.();
    await fc?.close();
  });

  const accessible = async (page: Page, what: string) => assert.deepEqual(await axeViolations(page), [], what);
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
  const fromServiceToFranceConnect = async (page: Page) => {
    await page.goto(`${demo.url}/`);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.origin === issuer && url.pathname === '/');
    await page.getByRole('link', { name: "S'identifier avec FranceConnect" }).click();
  };

  test('first connection from the service lands in the service; later, one click', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await fromServiceToFranceConnect(page);
    await page.getByText("Anaïs N'Guessan").click();
    await page.getByRole('button', { name: 'Continuer' }).click();
    assert.equal(await h1(page), 'Relier FranceConnect à votre compte');
    await page.getByLabel('Téléphone portable').fill('0639980003');
    await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click();
    await page.getByLabel('Code reçu par SMS').fill(await lastSmsCode(g.database.db, '+33639980003'));
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.getByLabel('Date de naissance de Zoé').fill('02/05/2017');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(`${demo.url}/`);
    await page.getByRole('heading', { level: 1, name: "Vous êtes connecté à l'ENT de démonstration" }).waitFor();
    assert.match(await page.locator('main').innerText(), /a\.nguessan/);
    await accessible(page, 'service, signed in through FranceConnect');

    // Guichet's and the service's cookies gone (127.0.0.1), FranceConnect's kept: the button is the only click.
    await context.clearCookies({ domain: '127.0.0.1' });
    await fromServiceToFranceConnect(page);
    await page.waitForURL(`${demo.url}/`);
    assert.match(await page.locator('main').innerText(), /a\.nguessan/);
    await context.close();
  });
});
