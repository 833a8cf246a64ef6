// SPEC §6 in a real browser: the demo ENT sends Chromium to Guichet, comes back signed in with the person's
// claims, and logs out through Guichet; axe-core checks the demo's pages and Guichet's logout page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { accountSessions } from '../../src/db/schema.ts';
import { ACCOUNT_COOKIE, startAccountSession } from '../../src/families/session.ts';
import { ensureDemoClient } from '../../src/services/demo-client.ts';
import { allowFormActions, returnToFormActionOrigins } from '../../src/sso/oidc/return-to-origins.ts';
import { safeReturnTo } from '../../src/families/return-to.ts';
import type { Guichet } from '../../src/main.ts';
import { startDemoService, type DemoService } from '../../examples/demo-service/server.tsx';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { demoPeople, freePort, oidcInstance, type DemoPeople, type OidcInstance } from '../helpers/oidc-instance.ts';

/**
 * A stand-in for the login page's contract (GET /?retour=… then POST → session cookie → 303 retour), to show in
 * Chromium what the real login page must do: widen its form-action to the origin the chain of redirects ends at.
 * `?ouvert=non` leaves `form-action 'self'` alone, as a control.
 */
function standInLogin(guichet: Guichet): void {
  guichet.app.get('/_essai/connexion', async (request, reply) => {
    const query = request.query as { retour?: string; compte?: string; ouvert?: string };
    const retour = safeReturnTo(query.retour) ?? '/';
    if (query.ouvert !== 'non') allowFormActions(reply, await returnToFormActionOrigins(guichet.database.db, retour));
    return reply.type('text/html; charset=utf-8').send(
      `<!doctype html><html lang="fr"><head><title>Connexion (essai)</title></head><body><main><h1>Connexion (essai)</h1>` +
        `<form method="post" action="/_essai/connexion"><input type="hidden" name="retour" value="${retour}">` +
        `<input type="hidden" name="compte" value="${query.compte}"><button type="submit">Se connecter</button></form></main></body></html>`,
    );
  });
  guichet.app.post('/_essai/connexion', async (request, reply) => {
    const body = request.body as { retour?: string; compte: string };
    const token = await startAccountSession(guichet.deps, { accountId: body.compte, method: 'password' });
    reply.setCookie(ACCOUNT_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax' });
    return reply.redirect(safeReturnTo(body.retour) ?? '/', 303);
  });
}

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('single sign-on into the demo ENT, in Chromium', { skip }, () => {
  let g: OidcInstance;
  let people: DemoPeople;
  let demo: DemoService;
  let browser: Browser;

  before(async () => {
    g = await oidcInstance({ beforeListen: standInLogin });
    people = await demoPeople(g);
    const port = await freePort();
    const options = await ensureDemoClient(g.database.db, g.deps.secretBox, g.issuer, { port, host: '127.0.0.1' });
    demo = await startDemoService({ ...options, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await g?.close();
  });

  async function noViolations(page: Page, label: string) {
    assert.deepEqual(await axeViolations(page), [], label);
  }

  test('signed in at Guichet: the demo ENT shows the claims, then logs out through Guichet', async () => {
    const token = await startAccountSession(g.deps, { accountId: people.guardianId, method: 'password' });
    const context = await browser.newContext();
    await context.addCookies([{ name: ACCOUNT_COOKIE, value: token, url: g.issuer, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();

    await page.goto(`${demo.url}/`);
    assert.equal(await page.title(), 'Accueil – ENT de démonstration');
    await noViolations(page, 'demo home');

    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(`${demo.url}/`);
    await page.getByRole('heading', { level: 1, name: "Vous êtes connecté à l'ENT de démonstration" }).waitFor();
    const text = await page.locator('main').innerText();
    for (const expected of ['a.nguessan', 'Anaïs', "N'Guessan", 'resp1d, resp2d', 'Enzo', 'CM1 A', '5E2']) {
      assert.ok(text.includes(expected), `${expected} shown`);
    }
    assert.ok(text.includes(people.guardianId), 'FrEduCtId shown');
    await noViolations(page, 'demo signed-in page');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((url) => url.toString().startsWith(`${g.issuer}/oidc/session/end`));
    await page.getByRole('heading', { level: 1, name: 'Se déconnecter ?' }).waitFor();
    await noViolations(page, 'Guichet logout confirmation');
    await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
    await page.waitForURL(`${demo.url}/`);
    await page.getByRole('heading', { level: 1, name: "Bienvenue sur l'ENT de démonstration" }).waitFor();
    const sessions = await g.database.db.select().from(accountSessions).where(eq(accountSessions.accountId, people.guardianId));
    assert.equal(sessions.length, 0, 'the Guichet family session ended');
    await context.close();
  });

  test('not signed in: the demo ENT sends the browser to the Guichet login page, which will come back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/login`);
    await page.waitForURL((url) => url.toString().startsWith(`${g.issuer}/?retour=`));
    const retour = new URL(page.url()).searchParams.get('retour');
    assert.match(retour ?? '', /^\/oidc\/interaction\/[\w-]+$/);
    assert.equal(await page.title(), 'Connexion – EduConnect');

    // What the login does once the person has signed in: a session cookie, then the retour address.
    const token = await startAccountSession(g.deps, { accountId: people.studentId, method: 'password' });
    await context.addCookies([{ name: ACCOUNT_COOKIE, value: token, url: g.issuer, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto(`${g.issuer}${retour}`);
    await page.waitForURL(`${demo.url}/`);
    const text = await page.locator('main').innerText();
    for (const expected of ['Maëlys', 'eleve2d', '4E', '2013-06-21']) assert.ok(text.includes(expected), `${expected} shown`);
    await context.close();
  });

  test('a login form whose page allows the service origin in form-action lands on the service (Chromium checks every redirect)', async () => {
    for (const open of [true, false]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => m.text().includes('form-action') && blocked.push(m.text()));
      await page.goto(`${demo.url}/login`);
      await page.waitForURL((url) => url.toString().startsWith(`${g.issuer}/?retour=`));
      const retour = new URL(page.url()).searchParams.get('retour')!;
      await page.goto(`${g.issuer}/_essai/connexion?retour=${encodeURIComponent(retour)}&compte=${people.guardianId}${open ? '' : '&ouvert=non'}`);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      if (open) {
        await page.waitForURL(`${demo.url}/`);
        await page.getByRole('heading', { level: 1, name: "Vous êtes connecté à l'ENT de démonstration" }).waitFor();
      } else {
        await page.waitForTimeout(1_000);
        assert.ok(blocked.length > 0, "form-action 'self' alone blocks the redirect to the service");
        assert.ok(!page.url().startsWith(demo.url));
      }
      await context.close();
    }
  });
});
