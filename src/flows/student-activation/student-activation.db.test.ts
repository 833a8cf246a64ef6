import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq, ne } from 'drizzle-orm';
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import { accounts, auditEvents, emailVerifications, flows, outbox } from '../../db/schema.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { describePasswordPolicy } from '../../domain/password-policy.ts';
import { tokenHash } from '../../shared/tokens.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { csrfOf, familyAgent } from '../../../test/helpers/family.ts';
import { registerActivationRoutes } from '../http-kit/activation-routes.ts';
import { confirmRecoveryEmail } from './confirm-recovery-email.ts';
import { RECOVERY_EMAIL_TEMPLATE } from './recovery-email-letter.ts';

function text(body: string): string {
  return body.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

describe('student activation (SPEC §5, seed 003)', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    // Until the composition root registers the activation pages, the test does (never twice).
    if (!g.app.hasRoute({ method: 'GET', url: '/premiere-connexion/:flowId' })) {
      await registerActivationRoutes(g.app, { accounts: g.deps, boss: g.boss, issuer: g.settings.issuer });
    }
  });
  after(async () => {
    await g?.close();
  });

  const accountOf = async (identifier: string) => (await g.database.db.query.accounts.findFirst({ where: eq(accounts.identifier, identifier) }))!;
  const flowOf = async (url: string) => g.database.db.query.flows.findFirst({ where: eq(flows.id, url.split('/').pop()!) });
  const auditOf = async (accountId: string) => (await g.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, accountId))).map((e) => e.action);
  const mailsOf = async (accountId: string) => g.database.db.select().from(outbox).where(eq(outbox.accountId, accountId)).orderBy(desc(outbox.createdAt));

  async function submit(agent: ReturnType<typeof familyAgent>, url: string, fields: Record<string, string>) {
    const page = await agent.get(url);
    assert.equal(page.status, 200);
    return agent.post(url, { _csrf: csrfOf(page.body), etape: 'password', ...fields });
  }

  test('m.chateau: student policy, own birth date, recovery address not the institutional one → Activé at once, a session, the portal', async () => {
    const agent = familyAgent(g, '10.8.0.1');
    const url = (await agent.logIn('m.chateau', 'ELEVE234', '/oidc/interaction/eleve')).location!;
    assert.match(url, /^\/activation-eleve\/[0-9a-f-]{36}$/);
    const page = await agent.get(url);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('Activer votre compte'));
    assert.ok(text(page.body).includes(describePasswordPolicy('educonnect-student')));
    assert.match(page.body, /data-strength/);
    assert.match(page.body, /type="date"/);

    // Every problem at once: 2 criteria of 4, a wrong birth date (counted), the institutional address.
    const refused = await submit(agent, url, {
      password: 'motdepasse2',
      confirmation: 'motdepasse2',
      birthDate: '22/06/2013',
      email: 'm.chateau@monbureaunumerique.fr',
    });
    assert.equal(refused.status, 400);
    const body = text(refused.body);
    assert.ok(body.includes('au moins 3 des 4 critères ; critères non remplis : une majuscule et un caractère spécial.'));
    assert.ok(body.includes("La date de naissance saisie ne correspond pas à celle connue de l'établissement."));
    assert.ok(body.includes('Il vous reste 4 essais.'));
    assert.ok(body.includes("Indiquez une adresse différente de votre adresse de l'établissement."));
    assert.match(refused.body, /value="m\.chateau@monbureaunumerique\.fr"/);
    assert.equal((await flowOf(url))!.attempts, 1);
    assert.equal((await accountOf('m.chateau')).state, 'notifie');

    const malformed = await submit(agent, url, { password: 'Maelys2026', confirmation: 'Maelys2026', birthDate: '2013-06-21', email: 'maelys@' });
    assert.equal(malformed.status, 400);
    assert.ok(malformed.body.includes('Adresse électronique invalide.'));
    assert.equal((await flowOf(url))!.attempts, 1, 'a right birth date is not counted');

    const done = await submit(agent, url, { password: 'Maelys2026', confirmation: 'Maelys2026', birthDate: '21/06/2013', email: 'maelys.perso@example.net' });
    assert.equal(done.status, 303);
    assert.equal(done.location, url);
    assert.ok(agent.cookies.has('guichet_session'));
    const activated = await agent.get(url);
    assert.equal(activated.status, 200);
    const shown = text(activated.body);
    assert.ok(shown.includes('Votre compte a bien été activé. Vous pouvez maintenant accéder à vos services en ligne.'));
    assert.ok(shown.includes("Nous venons juste de vous envoyer les instructions pour finaliser l'activation de votre compte *"));
    assert.ok(shown.includes('spams'));
    assert.match(activated.body, /<a class="button-link" href="\/oidc\/interaction\/eleve">Accéder à mes services en ligne<\/a>/);

    const account = await accountOf('m.chateau');
    assert.equal(account.state, 'active');
    assert.equal(account.origin, 'etablissement');
    assert.equal(account.activatedAt!.toISOString(), g.clock().toISOString());
    assert.equal(account.email, 'maelys.perso@example.net');
    assert.equal(account.emailVerified, false);
    assert.equal(account.emailOwnedByPerson, true);
    assert.equal(account.provisionalPassword, null);
    assert.equal((await g.accounts.checkCredentials('m.chateau', 'ELEVE234')).outcome, 'invalid');
    assert.equal((await g.accounts.checkCredentials('m.chateau', 'Maelys2026')).outcome, 'valid');
    assert.equal((await agent.get('/portail')).status, 200, 'the session opens the portal');

    const [mail] = await mailsOf(account.id);
    assert.equal(mail!.template, RECOVERY_EMAIL_TEMPLATE);
    assert.equal(mail!.recipient, 'maelys.perso@example.net');
    assert.ok(mail!.text.includes('m.chateau'));
    const token = /\/activation\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    const [link] = await g.database.db.select().from(emailVerifications).where(eq(emailVerifications.tokenHash, tokenHash(token)));
    assert.equal(link!.purpose, 'recovery_email');

    const actions = await auditOf(account.id);
    for (const action of ['account.birth_date_refused', 'account.password_set', 'account.activated', 'account.recovery_email_requested', 'account.login']) {
      assert.ok(actions.includes(action), action);
    }

    // The link of the message verifies the address, once.
    assert.deepEqual(await confirmRecoveryEmail(g.deps, token), { outcome: 'verified', identifier: 'm.chateau', email: 'maelys.perso@example.net' });
    assert.equal((await accountOf('m.chateau')).emailVerified, true);
    assert.equal((await confirmRecoveryEmail(g.deps, token)).outcome, 'already_verified');
    assert.equal((await confirmRecoveryEmail(g.deps, 'inconnu')).outcome, 'unknown');
    assert.ok((await auditOf(account.id)).includes('account.recovery_email_verified'));
    // The link the message carries (/activation/<token>) shows the recovery address's result, never an activation.
    const linkPage = await g.app.inject({ method: 'GET', url: `/activation/${token}` });
    assert.equal(linkPage.statusCode, 200);
    assert.match(linkPage.body, /Votre adresse de messagerie est déjà confirmée/);
    assert.doesNotMatch(linkPage.body, /Votre compte est activé/);
  });

  test('without a recovery address: Activé, no message, no "instructions" sentence; the portal by default', async () => {
    const [row] = await g.database.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.kind, 'student'), eq(accounts.state, 'notifie'), ne(accounts.identifier, 'm.chateau')))
      .limit(1);
    assert.ok(row, 'the demo has another student to activate');
    const provisional = readProvisionalPassword(g.deps, row)!;
    const student = await g.database.db.query.students.findFirst({ where: (s, { eq: is }) => is(s.accountId, row.id) });
    const agent = familyAgent(g, '10.8.0.2');
    const url = (await agent.logIn(row.identifier, provisional)).location!;
    const done = await submit(agent, url, { password: 'Basket#2099', confirmation: 'Basket#2099', birthDate: student!.birthDate, email: '' });
    assert.equal(done.status, 303);
    const page = text((await agent.get(url)).body);
    assert.ok(page.includes('Votre compte a bien été activé.'));
    assert.ok(!page.includes('Nous venons juste'));
    assert.match(page, /href="\/portail"/);
    assert.equal((await mailsOf(row.id)).length, 0);
    const account = await accountOf(row.identifier);
    assert.equal(account.state, 'active');
    assert.equal(account.email, row.email, 'the address is unchanged');
  });

  test('CSRF, expiry and foreign flows', async () => {
    const [row] = await g.database.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.kind, 'student'), eq(accounts.state, 'notifie')))
      .limit(1);
    const agent = familyAgent(g, '10.8.0.3');
    const url = (await agent.logIn(row!.identifier, readProvisionalPassword(g.deps, row!)!)).location!;
    const refused = await agent.post(url, { _csrf: 'forged', etape: 'password', password: 'Basket#2099', confirmation: 'Basket#2099', birthDate: '2010-01-01' });
    assert.equal(refused.status, 403);
    assert.equal((await flowOf(url))!.state, 'password');
    assert.equal((await flowOf(url))!.attempts, 0);
    assert.equal((await accountOf(row!.identifier)).state, 'notifie');
    assert.equal((await agent.get(url.replace('/activation-eleve/', '/premiere-connexion/'))).status, 404);
    g.clock.advance(31 * 60 * 1000);
    try {
      const expired = await agent.get(url);
      assert.equal(expired.status, 410);
      assert.ok(text(expired.body).includes('Cette étape a expiré : reconnectez-vous avec votre identifiant et votre mot de passe.'));
    } finally {
      g.clock.advance(-31 * 60 * 1000);
    }
  });

  test('five wrong birth dates end the flow; the account is unchanged', async () => {
    const [row] = await g.database.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.kind, 'student'), eq(accounts.state, 'notifie')))
      .limit(1);
    const provisional = readProvisionalPassword(g.deps, row!)!;
    const agent = familyAgent(g, '10.8.0.4');
    const url = (await agent.logIn(row!.identifier, provisional)).location!;
    for (let i = 1; i <= 4; i++) {
      assert.equal((await submit(agent, url, { password: 'Basket#2099', confirmation: 'Basket#2099', birthDate: `0${i}/01/1999`, email: '' })).status, 400);
    }
    const last = await submit(agent, url, { password: 'Basket#2099', confirmation: 'Basket#2099', birthDate: '05/01/1999', email: '' });
    assert.equal(last.status, 403);
    assert.equal(await flowOf(url), undefined);
    assert.equal((await accountOf(row!.identifier)).state, 'notifie');
    assert.equal((await g.accounts.checkCredentials(row!.identifier, provisional)).outcome, 'valid');
  });
});
