// SPEC §5 in Chromium: a guardian creates their account by SMS (the code read in the dev mailbox) and reaches
// the portal; an activated guardian recovers a lost password by the e-mail link; a second registration runs
// without JavaScript. axe-core checks every page, refused forms included.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { eq, sql } from 'drizzle-orm';
import { accounts } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { singleReferenceGuardians, withSelfServiceRoutes } from '../../src/flows/sms-registration/test-kit.ts';
import { queryRows } from '../../src/db/rows.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('SMS registration and password recovery in Chromium (SPEC §5)', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  before(async () => {
    g = await testInstance();
    await withSelfServiceRoutes(g);
    await seedDemo(g.deps);
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  // axe-core runs on its own timers, which a page without JavaScript never fires: the pages without JS are the
  // same markup as with it (only the eye and the strength bar are added by scripts), checked in the JS journeys.
  const withoutJs = new WeakSet<Page>();
  async function accessible(page: Page, what: string) {
    if (withoutJs.has(page)) return;
    assert.deepEqual(await axeViolations(page), [], what);
  }
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
  /** The id of the focused element, once the browser has run its autofocus (a moment after load). */
  async function focused(page: Page, expected: string): Promise<string> {
    let id = '';
    for (let i = 0; i < 20 && id !== expected; i++) {
      id = await page.evaluate(() => document.activeElement?.id ?? '');
      if (id !== expected) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return id;
  }

  /** The newest message of `template` in the dev mailbox (another tab, as a developer would). */
  async function readMailbox(page: Page, template: string): Promise<{ text: string; links: string[] }> {
    const mailbox = await page.context().newPage();
    await mailbox.goto(`${base}/_dev/mailbox`);
    await mailbox.locator('tr', { hasText: template }).first().getByRole('link').click();
    const text = (await mailbox.locator('pre.mailbox-text').textContent()) ?? '';
    const links = await mailbox.locator('main a[href^="http"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    await mailbox.close();
    return { text, links };
  }

  async function register(page: Page, person: { lastName: string; firstName: string; mobile: string; children: Array<{ firstName: string; birthDate: string }>; password: string }, javaScript: boolean) {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: "Je n'ai pas de compte" }).click();
    assert.equal(await h1(page), "Je n'ai pas de compte");
    assert.match(await page.locator('main').innerText(), /Demandez vos codes à votre établissement\./);
    await accessible(page, '/inscription');
    await page.getByRole('link', { name: 'Créer mon compte avec mon téléphone portable' }).click();
    assert.equal(await h1(page), 'Créer mon compte');
    await accessible(page, 'identity');

    // A refused form: the errors are tied to their fields and the first one has the focus.
    await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click();
    assert.equal(await page.title(), 'Erreur : Créer mon compte – EduConnect');
    assert.equal(await focused(page, 'lastName'), 'lastName');
    assert.equal(await page.getByLabel('Nom', { exact: true }).getAttribute('aria-describedby'), 'lastName-errors');
    await accessible(page, 'identity with errors');

    await page.getByLabel('Nom', { exact: true }).fill(person.lastName);
    await page.getByLabel('Prénom').fill(person.firstName);
    await page.getByLabel('Téléphone portable').fill(person.mobile);
    await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click();
    assert.equal(await h1(page), 'Saisir le code reçu par SMS');
    await accessible(page, 'code');
    const sms = await readMailbox(page, 'sms-registration-code');
    const code = /\b(\d{6})\b/.exec(sms.text)![1]!;
    await page.getByLabel('Code reçu par SMS').fill(code);
    await page.getByRole('button', { name: 'Valider le code' }).click();

    assert.equal(await h1(page), 'Confirmer vos enfants');
    await accessible(page, 'children');
    for (const child of person.children) {
      await page.getByLabel(`Date de naissance de ${child.firstName}`).fill(child.birthDate.split('-').reverse().join('/'));
    }
    await page.getByRole('button', { name: 'Continuer' }).click();

    assert.equal(await h1(page), 'Choisir votre mot de passe');
    await accessible(page, 'password');
    const password = page.getByLabel('Nouveau mot de passe', { exact: true });
    await password.fill(person.password);
    if (javaScript) {
      assert.ok(await page.locator('.strength-bar').isVisible());
      await page.getByRole('button', { name: 'Afficher le mot de passe' }).first().click();
      assert.equal(await password.getAttribute('type'), 'text');
    } else {
      assert.equal(await page.locator('.strength-bar').count(), 0);
    }
    await page.getByLabel('Confirmation du nouveau mot de passe').fill(person.password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    assert.equal(await h1(page), 'Votre compte est activé');
    await accessible(page, 'done');
    const identifier = (await page.locator('strong.identifier').textContent())!;
    await page.getByRole('button', { name: 'Accéder à mes services en ligne' }).click();
    assert.equal(new URL(page.url()).pathname, '/portail');
    await accessible(page, 'portal');
    return identifier;
  }

  test('a guardian creates their account by SMS and reaches the portal', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const identifier = await register(
      page,
      { lastName: 'Dacosta-Lopès', firstName: 'Hervé', mobile: '06 39 98 00 04', children: [{ firstName: 'Inès', birthDate: '2018-01-30' }], password: 'Inscrit2026' },
      true,
    );
    assert.equal(identifier, 'h.dacostalopes');
    assert.match(await page.locator('main').innerText(), /Inès/);
    const [account] = await g.database.db.select().from(accounts).where(eq(accounts.identifier, identifier));
    assert.deepEqual([account!.state, account!.origin], ['active', 'responsable']);
    await context.close();
  });

  test('without JavaScript: another guardian registers by SMS', async () => {
    const [person] = await singleReferenceGuardians(g.database.db, ['non_notifie', 'notifie', 'en_cours'], 1);
    const children = await queryRows<{ firstName: string; birthDate: string }>(
      g.database.db,
      sql`select s.first_name as "firstName", s.birth_date::text as "birthDate" from guardian_students gs join students s on s.id = gs.student_id
        where gs.guardian_id = ${person!.guardianId} and gs.legal_responsibility and s.class_id is not null and s.ine is not null and s.definitively_admitted`,
    );
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    withoutJs.add(page);
    const identifier = await register(page, { ...person!, children: children.slice(0, 1), password: 'SansJs2026' }, false);
    assert.equal(identifier, person!.identifier);
    await context.close();
  });

  test('an activated guardian recovers a lost password by the e-mail link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Mot de passe perdu' }).click();
    assert.equal(await h1(page), 'Mot de passe perdu');
    await accessible(page, 'identifier');
    await page.getByLabel('Identifiant').fill('a.nguessan');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await accessible(page, 'channel');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    assert.equal(await focused(page, 'channel-email'), 'channel-email', 'nothing chosen: the first choice has the focus');
    await accessible(page, 'channel with error');
    await page.getByLabel('Par courriel').check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    assert.match(await page.locator('main').innerText(), /Si ce compte est activé/);
    await accessible(page, 'link sent');

    const mail = await readMailbox(page, 'recovery-password-link');
    const link = mail.links.find((l) => l.includes('jeton='))!;
    assert.ok(link.startsWith(`${g.settings.issuer}/recuperation/mot-de-passe/`), link);
    // The issuer's origin is a placeholder in tests: the same path on this server.
    const url = new URL(link);
    await page.goto(`${base}${url.pathname}${url.search}`);
    assert.equal(await h1(page), 'Choisir un nouveau mot de passe');
    await accessible(page, 'new password');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Retrouve2026');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('Retrouve2025');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    assert.equal(await focused(page, 'confirmation'), 'confirmation');
    await accessible(page, 'new password with errors');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Retrouve2026');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('Retrouve2026');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    assert.equal(await h1(page), 'Votre mot de passe a été modifié.');
    await accessible(page, 'changed');

    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.getByLabel('Identifiant').fill('a.nguessan');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Retrouve2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    assert.equal(new URL(page.url()).pathname, '/portail');

    // The other recovery pages: Identifiant perdu and its answer, the SMS code page, an expired link.
    await page.goto(`${base}/recuperation/identifiant`);
    await accessible(page, 'identifier recovery');
    await page.getByLabel('Adresse électronique').fill('anais.nguessan@example.net');
    await page.getByRole('button', { name: 'Recevoir mon identifiant' }).click();
    assert.match(await page.locator('main').innerText(), /Si cette adresse correspond à un compte activé/);
    await accessible(page, 'identifier sent');
    assert.match((await readMailbox(page, 'recovery-identifier')).text, /a\.nguessan/);
    await page.goto(`${base}/recuperation/mot-de-passe`);
    await page.getByLabel('Identifiant').fill('x.inconnu');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel('Par SMS').check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    assert.equal(await h1(page), 'Saisir le code reçu par SMS');
    await accessible(page, 'recovery code');
    await page.goto(`${base}${url.pathname}${url.search}`);
    assert.equal(await h1(page), 'Lien expiré');
    await accessible(page, 'used link');
    await context.close();
  });
});
