// SPEC §4 Renvoyer un courriel d'activation — guide §5.6: the address checked and corrected, a new C07 with a
// working single-use link, older links expired, "Le mail a été renvoyé.".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, emailVerifications, outbox } from '../../db/schema.ts';
import { confirmActivationLink } from '../../flows/activation-link/confirm.ts';
import { tokenHash } from '../../shared/tokens.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import type { AdminAgent } from '../../../test/helpers/admin.ts';
import { accountOf, adminOf, demoInstance, ECOLE, textOf } from '../responsables/test-kit.ts';

describe('Responsables: resend the activation e-mail', () => {
  let g: TestInstance;
  let directrice: AdminAgent;
  let csrf: string;
  before(async () => {
    g = await demoInstance();
    directrice = await adminOf(g, 'directrice.demo');
    csrf = await directrice.csrf();
  });
  after(async () => {
    await g?.close();
  });

  test('the form shows the address; a malformed one is refused and nothing changes', async () => {
    const account = await accountOf(g, 'j.leboeuf');
    const form = await directrice.get(`/admin/responsables/compte/${account.id}/activation`);
    assert.equal(form.status, 200);
    assert.ok(textOf(form.body).includes("Vérification de l'adresse mail"));
    assert.match(form.body, /<label for="email">Adresse mail :<\/label>/);
    assert.match(form.body, new RegExp(`value="${account.email!.replace('.', '\\.')}"`));
    for (const email of ['pas-une-adresse', 'a@', '', 'x@y@z.fr']) {
      const refused = await directrice.post(`/admin/responsables/compte/${account.id}/activation`, { email, _csrf: csrf });
      assert.equal(refused.status, 400, email);
      assert.ok(textOf(refused.body).includes('Adresse électronique invalide.'));
      assert.match(refused.body, /aria-invalid="true"/);
    }
    assert.deepEqual(await accountOf(g, 'j.leboeuf'), account);
    assert.equal((await g.database.db.select().from(outbox).where(eq(outbox.accountId, account.id))).length, 0);
  });

  test('a corrected address: the account keeps it as the person\'s, a C07 goes to it with a working link', async () => {
    const account = await accountOf(g, 'j.leboeuf');
    await g.database.db.insert(emailVerifications).values({
      tokenHash: tokenHash('older-link'),
      accountId: account.id,
      email: account.email!,
      purpose: 'activation',
      createdAt: g.clock(),
      expiresAt: new Date(g.clock().getTime() + 86_400_000),
    });
    const done = await directrice.post(`/admin/responsables/compte/${account.id}/activation`, { email: ' jn.leboeuf@example.net ', _csrf: csrf });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, `/admin/responsables/compte/${account.id}?renvoye=1`);
    const page = textOf((await directrice.get(String(done.headers.location))).body);
    assert.ok(page.includes('Le mail a été renvoyé.'));
    assert.ok(page.includes('Courrier électronique jn.leboeuf@example.net'));

    const updated = await accountOf(g, 'j.leboeuf');
    assert.equal(updated.email, 'jn.leboeuf@example.net');
    assert.equal(updated.emailOwnedByPerson, true);
    assert.equal(updated.state, 'en_cours');
    const [message] = await g.database.db.select().from(outbox).where(eq(outbox.accountId, account.id));
    assert.equal(message!.template, 'C07');
    assert.equal(message!.recipient, 'jn.leboeuf@example.net');
    assert.equal(message!.subject, "Services en ligne de l'éducation nationale - activation du compte");
    assert.match(message!.text, /j\.leboeuf/);
    const token = new RegExp(`${g.settings.issuer.replace(/[.]/g, '\\.')}/activation/([A-Za-z0-9_-]{43})`).exec(message!.text)?.[1];
    assert.ok(token, 'the link is in the message');
    const [link] = await g.database.db.select().from(emailVerifications).where(eq(emailVerifications.tokenHash, tokenHash(token)));
    assert.equal(link!.email, 'jn.leboeuf@example.net');
    assert.equal(link!.purpose, 'activation');
    assert.equal(link!.expiresAt.toISOString(), new Date(Date.UTC(2027, 1, 23, 8)).toISOString(), '3 months from now');
    assert.ok(!message!.text.includes(tokenHash(token)));
    const [audit] = await g.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, account.id), eq(auditEvents.action, 'account.activation_resent')))
      .orderBy(desc(auditEvents.id));
    assert.deepEqual(audit!.details, { emailChanged: true });
    assert.ok(!JSON.stringify(audit).includes(token));

    assert.equal((await confirmActivationLink(g.deps, 'older-link')).outcome, 'expired', 'older links stop working');
    assert.equal((await confirmActivationLink(g.deps, token)).outcome, 'activated');
    assert.equal((await accountOf(g, 'j.leboeuf')).state, 'active');
  });

  test('only for En cours d\'activation; another establishment\'s account is a 404; no token, no change', async () => {
    const active = await accountOf(g, 'j.leboeuf'); // activated by the previous test
    const get = await directrice.get(`/admin/responsables/compte/${active.id}/activation`);
    assert.equal(get.status, 303);
    const post = await directrice.post(`/admin/responsables/compte/${active.id}/activation`, { email: 'autre@example.org', _csrf: csrf });
    assert.equal(post.status, 303);
    assert.equal((await accountOf(g, 'j.leboeuf')).email, 'jn.leboeuf@example.net');

    const directeur = await adminOf(g, 'directeur.demo', ECOLE);
    const directeurCsrf = await directeur.csrf();
    assert.equal((await directeur.get(`/admin/responsables/compte/${active.id}/activation`)).status, 404);
    assert.equal((await directeur.post(`/admin/responsables/compte/${active.id}/activation`, { email: 'pirate@example.org', _csrf: directeurCsrf })).status, 404);
    assert.equal((await directrice.post(`/admin/responsables/compte/${active.id}/activation`, { email: 'autre@example.org' })).status, 403);
    assert.equal((await accountOf(g, 'j.leboeuf')).email, 'jn.leboeuf@example.net');
  });
});
