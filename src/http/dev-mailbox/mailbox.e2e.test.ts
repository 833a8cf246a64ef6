// The dev mailbox in Chromium: both pages pass axe-core, the CSP blocks nothing of ours, the frame runs no script.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import { renderEmail } from '../../messaging/email/render.ts';
import { annexExample } from '../../messaging/letters/annex-example.ts';
import { letterContent } from '../../messaging/letters/letter-content.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { eventually } from '../../messaging/outbox-test-kit.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../../../test/helpers/browser.ts';
import { withDevMailbox } from './dev-mailbox-setup.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

describe('dev mailbox in Chromium', { skip }, () => {
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  let id: string;
  before(async () => {
    g = await testInstance();
    await withDevMailbox(g);
    const c02 = renderEmail(letterContent(annexExample('C02')));
    [id] = (await g.database.db.transaction((tx) =>
      enqueueMessages(tx, g.boss, [
        { channel: 'email', recipient: 'jean.dupont@example.org', subject: c02.subject, text: c02.text, html: c02.html, template: 'C02' },
        { channel: 'email', recipient: 'x@example.org', subject: '<script>alert(1)</script>', text: 't', html: '<script>parent.document.title="pwned"</script>', template: 'test' },
      ]),
    )) as [string];
    await eventually(async () => (await g.database.db.select().from(outbox).where(eq(outbox.id, id))).every((r) => r.status === 'sent'));
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await g?.close();
  });

  test('the list and a message pass axe-core; the HTML part shows in its frame without running scripts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text());
    });

    assert.equal((await page.goto(`${base}/_dev/mailbox`))!.status(), 200);
    assert.equal(await page.title(), 'Boîte aux lettres de développement – EduConnect');
    assert.equal(await page.locator('table caption').count(), 1);
    assert.equal(await page.getByRole('link', { name: '<script>alert(1)</script>' }).count(), 1);
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole('link', { name: 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant' }).click();
    assert.equal(new URL(page.url()).pathname, `/_dev/mailbox/${id}`);
    assert.match((await page.locator('pre.mailbox-text').textContent())!, /Mot de passe \* : BUNZ57DM/);
    const frame = page.frameLocator('iframe.mailbox-html');
    assert.match((await frame.locator('body').textContent())!, /celine\.dupont114/);
    assert.equal(await page.getByRole('link', { name: 'http://localhost:3000/aide' }).count(), 1);
    assert.deepEqual(await axeViolations(page), []);

    await page.goto(`${base}/_dev/mailbox`);
    await page.getByRole('link', { name: '<script>alert(1)</script>' }).click();
    await page.locator('iframe.mailbox-html').waitFor();
    assert.equal(await page.title(), '<script>alert(1)</script> – Boîte aux lettres de développement – EduConnect');
    assert.deepEqual(await axeViolations(page), []);
    // Only the sandbox's refusal to run the message's script may be reported, never a CSP refusal of ours.
    assert.deepEqual(cspErrors.filter((e) => /Content Security Policy/i.test(e)), []);
    await context.close();
  });
});
