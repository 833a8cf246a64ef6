// The dev mailbox lists what was "sent" and shows one message safely: escaped, links clickable, no script.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import { renderEmail } from '../../messaging/email/render.ts';
import { annexExample } from '../../messaging/letters/annex-example.ts';
import { letterContent } from '../../messaging/letters/letter-content.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { eventually } from '../../messaging/outbox-test-kit.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { withDevMailbox } from './dev-mailbox-setup.ts';
import { MAILBOX_BANNER } from './mailbox-pages.tsx';

describe('dev mailbox', () => {
  let g: TestInstance;
  let activationId: string;
  let hostileId: string;
  before(async () => {
    g = await testInstance();
    await withDevMailbox(g);
    const c07 = renderEmail(letterContent(annexExample('C07')));
    [activationId, hostileId] = (await g.database.db.transaction((tx) =>
      enqueueMessages(tx, g.boss, [
        { channel: 'email', recipient: 'jean.dupont@example.org', subject: c07.subject, text: c07.text, html: c07.html, template: 'C07' },
        {
          channel: 'email',
          recipient: 'x@example.org',
          subject: '<script>alert("sujet")</script>',
          text: 'Texte <b>brut</b> https://example.org/a?b=1&c=2.',
          html: '<p onclick="alert(1)">HTML</p><script>alert("html")</script><a href="javascript:alert(1)">piège</a>',
          template: 'test',
        },
      ]),
    )) as [string, string];
    await eventually(async () => {
      const rows = await g.database.db.select().from(outbox).where(eq(outbox.status, 'sent'));
      return rows.length >= 2;
    });
  });
  after(async () => {
    await g?.close();
  });

  test('only someone on this machine reaches the mailbox: it shows provisional passwords and links', async () => {
    for (const url of ['/_dev/mailbox', '/_dev/mailbox.css']) {
      const remote = await g.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' });
      assert.equal(remote.statusCode, 404, url);
      assert.doesNotMatch(remote.body, /Boîte aux lettres/);
    }
    assert.equal((await g.app.inject({ method: 'GET', url: '/_dev/mailbox', remoteAddress: '::1' })).statusCode, 200);
  });

  test('the list: newest first, an accessible table with a caption, and the banner', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/_dev/mailbox' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/html/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const html = response.body;
    assert.ok(html.includes(MAILBOX_BANNER.replace(/'/g, '&#39;')) || html.includes(MAILBOX_BANNER));
    assert.match(html, /<caption>Messages, du plus récent au plus ancien/);
    assert.match(html, /<th scope="col">Destinataire<\/th>/);
    assert.ok(html.includes(`href="/_dev/mailbox/${activationId}"`));
    assert.ok(html.includes('Services en ligne de l&#39;éducation nationale - activation du compte') || html.includes("Services en ligne de l'éducation nationale - activation du compte"));
    assert.ok(html.includes('Envoyé'));
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script>alert(&quot;sujet&quot;)&lt;/script>') || html.includes('&lt;script&gt;'));
    // Both were created in one transaction: same timestamp, so only their presence is checked for order.
    assert.ok(html.indexOf(activationId) > 0 && html.indexOf(hostileId) > 0);
  });

  test('one message: its text in <pre>, its links as real links, its HTML in a sandboxed frame', async () => {
    const response = await g.app.inject({ method: 'GET', url: `/_dev/mailbox/${activationId}` });
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(html, /<pre class="mailbox-text">Bonjour,/);
    assert.ok(html.includes('<a href="http://localhost:3000/activation/tok3n">http://localhost:3000/activation/tok3n</a>'));
    assert.ok(html.includes('<a href="http://localhost:3000/aide">'));
    assert.match(html, /<iframe class="mailbox-html" title="[^"]+" sandbox srcdoc="&lt;!doctype html>/);
  });

  test('hostile content shows as text: no script, no javascript: link', async () => {
    const response = await g.app.inject({ method: 'GET', url: `/_dev/mailbox/${hostileId}` });
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<b>'));
    assert.ok(!/<a [^>]*href="javascript:/i.test(html));
    assert.ok(html.includes('<a href="https://example.org/a?b=1&amp;c=2">'));
    assert.match(html, /<h1>&lt;script>alert\(&quot;sujet&quot;\)&lt;\/script><\/h1>/);
    assert.match(response.headers['content-security-policy'] as string, /default-src 'self'/);
  });

  test('an unknown or malformed id is a 404 page', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-uuid']) {
      const response = await g.app.inject({ method: 'GET', url: `/_dev/mailbox/${id}` });
      assert.equal(response.statusCode, 404, id);
      assert.match(response.body, /Page introuvable/);
    }
  });

  test('its stylesheet is served from the same origin', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/_dev/mailbox.css' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/css/);
  });
});
