// SPEC §5 first login and student activation in Chromium: a guardian goes from the letter's provisional password
// to the C07 link read in the dev mailbox, then logs in with the chosen password; a student activates at once.
// The strength bar moves as the person types; axe-core checks every page; the guardian path also runs without JS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { readProvisionalPassword } from '../../src/accounts/provisional.ts';
import { accounts } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { childToName } from '../../src/flows/guardian-activation/child-to-name.ts';
import { registerActivationRoutes } from '../../src/flows/http-kit/activation-routes.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('activation journeys in Chromium (SPEC §5)', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  /** Pages opened with JavaScript disabled, and the context where their copies are checked. */
  const scriptsRun = new WeakMap<Page, boolean>();
  let axeBrowserContext: BrowserContext | undefined;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    // Until the composition root registers the activation pages, the test does (never twice).
    if (!g.app.hasRoute({ method: 'GET', url: '/premiere-connexion/:flowId' })) {
      await registerActivationRoutes(g.app, { accounts: g.deps, boss: g.boss, issuer: g.settings.issuer });
    }
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    axeBrowserContext = await browser.newContext();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  async function accessible(page: Page, what: string) {
    if (scriptsRun.get(page) !== false) {
      assert.deepEqual(await axeViolations(page), [], what);
      return;
    }
    // axe-core waits on timers, which never fire where JavaScript is off: it checks a copy of the very same
    // DOM (scripts removed, so nothing is added to it), served from this origin so that the stylesheets load.
    const html = (await page.content()).replace(/<script\b[^>]*><\/script>/g, '');
    const viewer = await axeBrowserContext!.newPage();
    const url = `${base}/__axe-copy-${Date.now()}`;
    await viewer.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await viewer.goto(url);
    try {
      assert.deepEqual(await axeViolations(viewer), [], `${what} (without JavaScript)`);
    } finally {
      await viewer.close();
    }
  }
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

  async function logIn(page: Page, identifier: string, password: string) {
    await page.goto(`${base}/`);
    await page.getByLabel('Identifiant').fill(identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  /** The activation link of the newest C07 to `address`, read in the dev mailbox, opened on this server. */
  async function openActivationLink(page: Page, address: string) {
    await page.goto(`${base}/_dev/mailbox`);
    await accessible(page, 'dev mailbox');
    const row = page.locator('tr', { hasText: address }).first();
    await row.getByRole('link').click();
    const link = (await page.locator('a[href*="/activation/"]').first().getAttribute('href')) ?? '';
    assert.ok(link.startsWith(`${g.settings.issuer}/activation/`), link);
    // The issuer's origin is a placeholder in tests: the same path on this server.
    await page.goto(`${base}${new URL(link).pathname}`);
  }

  async function guardianJourney(context: BrowserContext, javaScript: boolean, person: { identifier: string; provisional: string; childFirstName: string; birthDate: string; address: string; password: string }) {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    scriptsRun.set(page, javaScript);
    await logIn(page, person.identifier, person.provisional);
    assert.match(page.url(), /\/premiere-connexion\/[0-9a-f-]{36}$/);
    assert.equal(await h1(page), 'Première connexion : choisissez votre mot de passe');
    assert.match(await mainText(page), /8 à 14 caractères, avec au moins une lettre et un chiffre\./);
    await accessible(page, 'password step');

    const password = page.getByLabel('Nouveau mot de passe', { exact: true });
    const strength = page.locator('.strength-label');
    if (javaScript) {
      await password.fill('abcdefgh');
      assert.equal(await strength.textContent(), 'Force du mot de passe : Faible');
      assert.equal(await page.locator('.strength').getAttribute('data-level'), '1');
      await password.fill(person.password);
      assert.equal(await strength.textContent(), 'Force du mot de passe : Bon');
      assert.equal(await page.locator('.strength').getAttribute('data-level'), '3');
      assert.ok(await page.locator('.strength-bar').isVisible());
      await page.getByRole('button', { name: 'Afficher le mot de passe' }).first().click();
      assert.equal(await password.getAttribute('type'), 'text');
      await accessible(page, 'password step, typed');
    } else {
      assert.equal(await page.locator('.strength').count(), 0, 'without JS: the rule alone');
    }
    // A 15-character password: refused with its rule.
    await password.fill('Quinzecaracter5');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('Quinzecaracter5');
    await page.getByRole('button', { name: 'Continuer' }).click();
    assert.match(await mainText(page), /Le mot de passe doit comporter au plus 14 caractères\./);
    await accessible(page, 'password step, refused');

    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(person.password);
    await page.getByLabel('Confirmation du nouveau mot de passe').fill(person.password);
    await page.getByRole('button', { name: 'Continuer' }).click();
    assert.equal(await h1(page), 'Première connexion : votre adresse de messagerie');
    await accessible(page, 'email step');
    await page.getByLabel('Adresse électronique').fill(person.address);
    await page.getByRole('button', { name: 'Continuer' }).click();

    assert.equal(await h1(page), 'Première connexion : vérification de votre identité');
    await accessible(page, 'birth date step');
    const birthDate = page.getByLabel(`Date de naissance de ${person.childFirstName}`);
    await birthDate.fill('2001-01-01');
    await page.getByRole('button', { name: 'Valider' }).click();
    assert.match(await mainText(page), /La date de naissance saisie ne correspond pas à celle connue de l'établissement\./);
    assert.match(await mainText(page), /Il vous reste 4 essais\./);
    await accessible(page, 'birth date step, refused');
    await page.getByLabel(`Date de naissance de ${person.childFirstName}`).fill(person.birthDate);
    await page.getByRole('button', { name: 'Valider' }).click();

    assert.equal(await h1(page), 'Consultez votre messagerie');
    assert.match(
      await mainText(page),
      new RegExp(`Un courriel contenant un lien d'activation vient de vous être envoyé à ${person.address.replaceAll('.', '\\.')} : cliquez sur ce lien pour activer votre compte\\.`),
    );
    await accessible(page, 'C07 sent');

    await openActivationLink(page, person.address);
    assert.equal(await h1(page), 'Votre compte est activé');
    await accessible(page, 'account activated');
    await page.getByRole('link', { name: 'Accéder à mes services en ligne' }).click();
    assert.equal(await page.getByLabel('Identifiant').inputValue(), person.identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    assert.equal(new URL(page.url()).pathname, '/portail');
    assert.equal(await h1(page), 'Accéder à mes services en ligne');
    await accessible(page, 'portal');
    await page.close();
  }

  test('b.fontanel: from BUNZ57DM to the C07 link, then the portal with the chosen password', async () => {
    const context = await browser.newContext();
    await guardianJourney(context, true, {
      identifier: 'b.fontanel',
      provisional: 'BUNZ57DM',
      childFirstName: 'Jade',
      birthDate: '2022-03-14',
      address: 'benedicte.perso@example.org',
      password: 'Tilleuls2026',
    });
    await context.close();
  });

  test('the guardian path without JavaScript', async () => {
    const [row] = await g.database.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.kind, 'guardian'), eq(accounts.state, 'notifie'), isNotNull(accounts.provisionalPassword), ne(accounts.identifier, 'b.fontanel')))
      .orderBy(accounts.identifier)
      .limit(1);
    assert.ok(row, 'the demo has another guardian to activate');
    const child = (await childToName(g.database.db, row.id))!;
    const context = await browser.newContext({ javaScriptEnabled: false });
    await guardianJourney(context, false, {
      identifier: row.identifier,
      provisional: readProvisionalPassword(g.deps, row)!,
      childFirstName: child.firstName,
      birthDate: child.birthDate,
      address: 'sans.javascript@example.org',
      password: 'Marelle88b',
    });
    assert.equal((await g.database.db.query.accounts.findFirst({ where: eq(accounts.id, row.id) }))!.state, 'active');
    await context.close();
  });

  test('m.chateau: one page, "Votre compte a bien été activé", then the services', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, 'm.chateau', 'ELEVE234');
    assert.match(page.url(), /\/activation-eleve\/[0-9a-f-]{36}$/);
    assert.equal(await h1(page), 'Activer votre compte');
    await accessible(page, 'student activation');

    const password = page.getByLabel('Nouveau mot de passe', { exact: true });
    await password.fill('maelys');
    assert.equal(await page.locator('.strength-label').textContent(), 'Force du mot de passe : Faible');
    await password.fill('Maelys-2026!');
    assert.equal(await page.locator('.strength-label').textContent(), 'Force du mot de passe : Très bon');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('Maelys-2026!');
    await page.getByLabel('Date de naissance').fill('2013-06-21');
    await page.getByLabel('Adresse de messagerie (facultatif)').fill('m.chateau@monbureaunumerique.fr');
    await page.getByRole('button', { name: 'Activer votre compte' }).click();
    assert.match(await mainText(page), /Indiquez une adresse différente de votre adresse de l'établissement\./);
    await accessible(page, 'student activation, refused');

    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Maelys-2026!');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('Maelys-2026!');
    await page.getByLabel('Date de naissance').fill('2013-06-21');
    await page.getByLabel('Adresse de messagerie (facultatif)').fill('maelys.chateau@example.net');
    await page.getByRole('button', { name: 'Activer votre compte' }).click();
    const text = await mainText(page);
    assert.match(text, /Votre compte a bien été activé\. Vous pouvez maintenant accéder à vos services en ligne\./);
    assert.match(text, /Nous venons juste de vous envoyer les instructions pour finaliser l'activation de votre compte \*/);
    await accessible(page, 'student activated');
    await page.getByRole('link', { name: 'Accéder à mes services en ligne' }).click();
    assert.equal(new URL(page.url()).pathname, '/portail');
    await accessible(page, 'student portal');
    await context.close();
  });
});
