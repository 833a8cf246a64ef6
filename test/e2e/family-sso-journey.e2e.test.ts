// The journey of issue "Families sign in", whole, in Chromium: a parent holding the school's letter opens a school
// service (the demo ENT), is sent to Guichet's real login page, logs in with the provisional password, activates
// (password, address, the child's birth date), follows the C07 link from the dev mailbox, and — logging in again
// with the chosen password — lands back in the service signed in, with the right claims. axe-core on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { accounts } from '../../src/db/schema.ts';
import { ensureDemoClient } from '../../src/services/demo-client.ts';
import { startDemoService, type DemoService } from '../../examples/demo-service/server.tsx';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { freePort, oidcInstance, type OidcInstance } from '../helpers/oidc-instance.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('a parent from the letter to the school service, in Chromium', { skip }, () => {
  let g: OidcInstance;
  let demo: DemoService;
  let browser: Browser;

  before(async () => {
    g = await oidcInstance();
    const options = await ensureDemoClient(g.database.db, g.deps.secretBox, g.issuer, { port: await freePort(), host: '127.0.0.1' });
    demo = await startDemoService({ ...options, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await g?.close();
  });

  const accessible = async (page: Page, what: string) => assert.deepEqual(await axeViolations(page), [], what);
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  async function fromServiceToLogin(page: Page) {
    await page.goto(`${demo.url}/`);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.origin === g.issuer && url.pathname === '/');
    assert.match(new URL(page.url()).searchParams.get('retour') ?? '', /^\/oidc\/interaction\//);
  }

  async function logIn(page: Page, identifier: string, password: string) {
    await page.getByLabel('Identifiant').fill(identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  test('b.fontanel: provisional password → activation → C07 → signed in at the ENT with her claims', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    await fromServiceToLogin(page);
    await accessible(page, 'login page for a service');
    await logIn(page, 'b.fontanel', 'BUNZ57DM');

    assert.match(page.url(), /\/premiere-connexion\/[0-9a-f-]{36}$/);
    await accessible(page, 'password step');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Jade2022mam');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('Jade2022mam');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel('Adresse électronique').fill('benedicte.fontanel@example.org');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await accessible(page, 'birth date step');
    await page.getByLabel('Date de naissance de Jade').fill('2022-03-14');
    await page.getByRole('button', { name: 'Valider' }).click();
    assert.equal(await h1(page), 'Consultez votre messagerie');
    const pending = await g.database.db.query.accounts.findFirst({ where: eq(accounts.identifier, 'b.fontanel') });
    assert.equal(pending!.state, 'en_cours');

    // The C07 in the dev mailbox (this machine only), its link opened.
    await page.goto(`${g.issuer}/_dev/mailbox`);
    await page.locator('tr', { hasText: 'benedicte.fontanel@example.org' }).first().getByRole('link').click();
    const link = (await page.locator('a[href*="/activation/"]').first().getAttribute('href')) ?? '';
    assert.ok(link.startsWith(`${g.issuer}/activation/`), link);
    await page.goto(link);
    assert.equal(await h1(page), 'Votre compte est activé');
    await accessible(page, 'activated');
    const active = await g.database.db.query.accounts.findFirst({ where: eq(accounts.identifier, 'b.fontanel') });
    assert.equal(active!.state, 'active');
    assert.equal(active!.origin, 'etablissement');

    // Back at the service: the chosen password, and she is in.
    await fromServiceToLogin(page);
    await logIn(page, 'b.fontanel', 'Jade2022mam');
    await page.waitForURL(`${demo.url}/`);
    await page.getByRole('heading', { level: 1, name: "Vous êtes connecté à l'ENT de démonstration" }).waitFor();
    const claims = await page.locator('main').innerText();
    assert.match(claims, /b\.fontanel/);
    assert.match(claims, /Fontanel/);
    assert.match(claims, /resp1d/);
    assert.match(claims, /Jade/);
    await accessible(page, 'service, signed in');
    await context.close();
  });

  test('a wrong password at the service\'s login: the same clear refusal, and no way past it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await fromServiceToLogin(page);
    await logIn(page, 'a.nguessan', 'Mauvais2026');
    assert.match(await page.locator('main').innerText(), /Identifiant ou mot de passe incorrect\./);
    assert.match(new URL(page.url()).origin, new RegExp(g.issuer.replaceAll('.', '\\.')));
    await logIn(page, 'a.nguessan', 'Parent2026x');
    await page.waitForURL(`${demo.url}/`);
    assert.match(await page.locator('main').innerText(), /a\.nguessan/);
    await context.close();
  });
});
