import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { accounts, auditEvents, emailVerifications } from '../../db/schema.ts';
import { SYSTEM } from '../../audit/record.ts';
import { newToken, tokenHash } from '../../shared/tokens.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';

describe('C07 activation link', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
  });
  after(async () => {
    await g?.close();
  });

  /** An account at En cours d'activation (first login done) with an activation link to `email`. */
  async function accountAwaitingLink(lastName: string, email: string, expiresInDays = 90) {
    const [created] = await g.accounts.precreate([{ kind: 'guardian', person: { firstName: 'Paul', lastName } }], SYSTEM);
    await g.accounts.notify({ accountIds: [created!.accountId], channel: 'sheet', reset: false }, SYSTEM);
    await g.accounts.setOwnPassword({ accountId: created!.accountId, password: 'Famille2026' }, SYSTEM);
    await g.database.db.update(accounts).set({ state: 'en_cours' }).where(eq(accounts.id, created!.accountId));
    const token = newToken();
    await g.database.db.insert(emailVerifications).values({
      tokenHash: tokenHash(token),
      accountId: created!.accountId,
      email,
      purpose: 'activation',
      expiresAt: new Date(g.clock().getTime() + expiresInDays * 86_400_000),
    });
    return { ...created!, token };
  }

  test('the link activates the account once; the address becomes verified and the person\'s own', async () => {
    const { accountId, identifier, token } = await accountAwaitingLink('Lien', 'paul.lien@example.org');
    const response = await g.app.inject({ method: 'GET', url: `/activation/${token}` });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Votre compte est activé/);
    assert.match(response.body, new RegExp(`href="/\\?identifiant=${identifier.replace('.', '\\.')}"`));
    const row = (await g.database.db.query.accounts.findFirst({ where: eq(accounts.id, accountId) }))!;
    assert.equal(row.state, 'active');
    assert.equal(row.origin, 'etablissement');
    assert.equal(row.email, 'paul.lien@example.org');
    assert.equal(row.emailVerified, true);
    assert.equal(row.emailOwnedByPerson, true);
    assert.equal(row.activatedAt!.toISOString(), g.clock().toISOString());
    const audit = await g.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, accountId));
    assert.ok(audit.some((e) => e.action === 'account.activated'));

    const again = await g.app.inject({ method: 'GET', url: `/activation/${token}` });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Votre compte est déjà activé/);
  });

  test('an expired link is refused with what to do, and changes nothing', async () => {
    const { accountId, token } = await accountAwaitingLink('Perime', 'paul.perime@example.org', 1);
    g.clock.advance(2 * 86_400_000);
    const response = await g.app.inject({ method: 'GET', url: `/activation/${token}` });
    assert.equal(response.statusCode, 410);
    assert.match(response.body, /n'est plus valable/);
    assert.match(response.body, /nouveau courriel d'activation/);
    assert.equal((await g.database.db.query.accounts.findFirst({ where: eq(accounts.id, accountId) }))!.state, 'en_cours');
  });

  test('an unknown link says so', async () => {
    const response = await g.app.inject({ method: 'GET', url: `/activation/${newToken()}` });
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /n'est pas reconnu/);
  });

  test('the QR code target fills in the identifier, never anything else', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/?identifiant=b.fontanel' });
    assert.match(response.body, /id="identifier"[^>]*value="b\.fontanel"/);
    const hostile = await g.app.inject({ method: 'GET', url: '/?identifiant=%22%3E%3Cscript%3Ealert(1)%3C/script%3E' });
    assert.doesNotMatch(hostile.body, /<script>alert/);
  });

  test('the help page lists the realm\'s contacts and the answers for families', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/aide' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Besoin d'aide \?/);
    assert.match(response.body, /La date de naissance de mon enfant est refusée/);
  });
});
