import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { accounts, auditEvents, emailVerifications, flows, outbox } from '../../db/schema.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { SYSTEM } from '../../audit/record.ts';
import { describePasswordPolicy } from '../../domain/password-policy.ts';
import { tokenHash } from '../../shared/tokens.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { csrfOf, familyAgent } from '../../../test/helpers/family.ts';
import { registerActivationRoutes } from '../http-kit/activation-routes.ts';

const BIRTH_DATE_MISMATCH = "La date de naissance saisie ne correspond pas à celle connue de l'établissement.";

/** Preact escapes apostrophes; the assertions read the page as a person would. */
function text(body: string): string {
  return body.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

describe('guardian first login (SPEC §5, guide §1.3.4)', () => {
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
  const flowOf = async (url: string) => (await g.database.db.query.flows.findFirst({ where: eq(flows.id, url.split('/').pop()!) }));
  const auditOf = async (accountId: string) => (await g.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, accountId))).map((e) => e.action);
  const latestMail = async (accountId: string) => {
    const [row] = await g.database.db.select().from(outbox).where(eq(outbox.accountId, accountId)).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(1);
    return row;
  };
  const tokenIn = (body: string) => /\/activation\/([A-Za-z0-9_-]{43})/.exec(body)?.[1];

  /** Posts one step's form with the CSRF token of the page it was on. */
  async function submit(agent: ReturnType<typeof familyAgent>, url: string, step: string, fields: Record<string, string>) {
    const page = await agent.get(url);
    assert.equal(page.status, 200, `GET ${url} before ${step}`);
    return agent.post(url, { _csrf: csrfOf(page.body), etape: step, ...fields });
  }

  test('five wrong birth dates end the flow with the guide\'s message; nothing else changes; the person may log in again', async () => {
    const agent = familyAgent(g, '10.9.0.1');
    const url = (await agent.logIn('b.fontanel', 'BUNZ57DM')).location!;
    assert.equal((await submit(agent, url, 'password', { password: 'Tilleuls2026', confirmation: 'Tilleuls2026' })).status, 303);
    assert.equal((await submit(agent, url, 'email', { email: 'benedicte.fontanel@example.org' })).status, 303);
    for (let i = 1; i <= 4; i++) {
      const wrong = await submit(agent, url, 'birthdate', { birthDate: `0${i}/01/2020` });
      assert.equal(wrong.status, 400);
      assert.ok(text(wrong.body).includes(BIRTH_DATE_MISMATCH));
      assert.ok(text(wrong.body).includes(`Il vous reste ${5 - i} essai`));
      assert.equal((await flowOf(url))!.attempts, i);
    }
    const last = await submit(agent, url, 'birthdate', { birthDate: '2020-01-05' });
    assert.equal(last.status, 403);
    assert.ok(text(last.body).includes(BIRTH_DATE_MISMATCH));
    assert.equal(await flowOf(url), undefined, 'the flow ends');
    assert.equal((await agent.get(url)).status, 404);

    const account = await accountOf('b.fontanel');
    assert.equal(account.state, 'notifie');
    assert.equal(account.passwordHash, null);
    assert.equal(account.emailOwnedByPerson, false);
    assert.equal((await g.accounts.checkCredentials('b.fontanel', 'BUNZ57DM')).outcome, 'valid');
    const refused = (await auditOf(account.id)).filter((a) => a === 'account.birth_date_refused');
    assert.equal(refused.length, 5);
  });

  test('b.fontanel: password rules, address, birth date of Jade → En cours d\'activation and a C07 whose link activates', async () => {
    const agent = familyAgent(g, '10.9.0.2');
    const login = await agent.logIn('b.fontanel', 'bunz57dm');
    const url = login.location!;
    assert.match(url, /^\/premiere-connexion\/[0-9a-f-]{36}$/);

    // Step 1: the rule before typing, the strength bar and the eye; every unmet rule listed.
    const first = await agent.get(url);
    assert.equal(first.status, 200);
    assert.ok(text(first.body).includes(describePasswordPolicy('educonnect-guardian')));
    assert.ok(first.body.includes('Étape 1 sur 3'));
    assert.match(first.body, /id="password"[^>]*data-eye[^>]*data-strength|id="password"[^>]*data-strength/);
    assert.match(first.body, /<script src="\/assets\/password-strength.js" defer><\/script>/);
    assert.match(first.body, /<script src="\/assets\/password-eye.js" defer><\/script>/);
    assert.match(first.body, /<link rel="stylesheet" href="\/assets\/flows.css"\/?>/);

    const tooLong = await submit(agent, url, 'password', { password: 'Quinzecaracter5', confirmation: 'Quinzecaracter5' });
    assert.equal(tooLong.status, 400);
    assert.ok(text(tooLong.body).includes('Le mot de passe doit comporter au plus 14 caractères.'));
    const several = await submit(agent, url, 'password', { password: 'abc', confirmation: 'abd' });
    assert.equal(several.status, 400);
    for (const rule of ['au moins 8 caractères', 'au moins un chiffre', 'ne sont pas identiques']) assert.ok(text(several.body).includes(rule), rule);
    const provisional = await submit(agent, url, 'password', { password: 'BUNZ57DM', confirmation: 'BUNZ57DM' });
    assert.equal(provisional.status, 400);
    assert.ok(text(provisional.body).includes('différent du mot de passe provisoire'));
    assert.equal((await flowOf(url))!.state, 'password');

    const chosen = await submit(agent, url, 'password', { password: 'Tilleuls2026', confirmation: 'Tilleuls2026' });
    assert.equal(chosen.status, 303);
    assert.equal(chosen.location, url);
    const flowData = (await flowOf(url))!.data as { passwordHash?: string };
    assert.match(flowData.passwordHash ?? '', /^\$argon2id\$/, 'only a hash is kept in the flow');
    assert.ok(!JSON.stringify(flowData).includes('Tilleuls2026'));

    // Step 2: the directory's address pre-filled; a malformed one refused.
    const emailPage = await agent.get(url);
    assert.ok(emailPage.body.includes('Étape 2 sur 3'));
    assert.match(emailPage.body, /value="benedicte\.fontanel@example\.org"/);
    const malformed = await submit(agent, url, 'email', { email: 'benedicte.fontanel@' });
    assert.equal(malformed.status, 400);
    assert.ok(malformed.body.includes('Adresse électronique invalide.'));
    assert.match(malformed.body, /value="benedicte\.fontanel@"/, 'what was typed stays in the field');
    assert.equal((await submit(agent, url, 'email', { email: ' Bene.Fontanel@Example.NET ' })).status, 303);

    // Step 3: the youngest child, named on screen; a wrong date refused and counted.
    const birthPage = await agent.get(url);
    assert.ok(birthPage.body.includes('Étape 3 sur 3'));
    assert.ok(birthPage.body.includes('Date de naissance de Jade'));
    const wrong = await submit(agent, url, 'birthdate', { birthDate: '2022-03-15' });
    assert.equal(wrong.status, 400);
    assert.ok(text(wrong.body).includes(BIRTH_DATE_MISMATCH));
    assert.equal((await flowOf(url))!.attempts, 1);
    const unreadable = await submit(agent, url, 'birthdate', { birthDate: '31/02/2022' });
    assert.equal(unreadable.status, 400);
    assert.ok(unreadable.body.includes('Date invalide'));
    assert.equal((await flowOf(url))!.attempts, 1, 'an impossible date is not a guess');
    const before = await accountOf('b.fontanel');
    assert.equal(before.state, 'notifie', 'nothing changes before the last step');

    const done = await submit(agent, url, 'birthdate', { birthDate: '14/03/2022' });
    assert.equal(done.status, 303);
    const sent = await agent.get(url);
    assert.equal(sent.status, 200);
    assert.ok(
      text(sent.body).includes(
        "Un courriel contenant un lien d'activation vient de vous être envoyé à <strong>Bene.Fontanel@example.net</strong> : cliquez sur ce lien pour activer votre compte.",
      ),
    );
    assert.ok(sent.body.includes('spam'));
    assert.ok(sent.body.includes('Corriger mon adresse de messagerie'));
    assert.ok(!agent.cookies.has('guichet_session'), 'no service until Activé');
    assert.equal((await agent.get('/portail')).status, 303);

    const account = await accountOf('b.fontanel');
    assert.equal(account.state, 'en_cours');
    assert.equal(account.origin, 'etablissement');
    assert.equal(account.email, 'Bene.Fontanel@example.net');
    assert.equal(account.emailOwnedByPerson, true);
    assert.equal(account.emailVerified, false);
    assert.equal(account.provisionalPassword, null);
    assert.equal(account.provisionalValidFrom, null);
    assert.match(account.passwordHash!, /^\$argon2id\$v=19\$/);
    assert.equal((await g.accounts.checkCredentials('b.fontanel', 'BUNZ57DM')).outcome, 'invalid');
    assert.equal((await g.accounts.checkCredentials('b.fontanel', 'Tilleuls2026')).outcome, 'valid');

    const mail = (await latestMail(account.id))!;
    assert.equal(mail.template, 'C07');
    assert.equal(mail.recipient, 'Bene.Fontanel@example.net');
    assert.equal(mail.subject, "Services en ligne de l'éducation nationale - activation du compte");
    assert.ok(mail.text.includes("avec l'identifiant b.fontanel"));
    const token = tokenIn(mail.text)!;
    const [link] = await g.database.db.select().from(emailVerifications).where(eq(emailVerifications.tokenHash, tokenHash(token)));
    assert.equal(link!.purpose, 'activation');
    assert.equal(link!.expiresAt.toISOString(), '2027-02-23T08:00:00.000Z', 'valid for the realm\'s 3 months');

    const actions = await auditOf(account.id);
    for (const action of ['account.password_set', 'account.first_login', 'account.birth_date_refused']) assert.ok(actions.includes(action), action);
    const [firstLogin] = await g.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, account.id), eq(auditEvents.action, 'account.first_login')));
    assert.deepEqual(firstLogin!.details, { from: 'notifie', to: 'en_cours', emailChanged: true, letter: 'C07' });
    assert.ok(actions.every((a) => !JSON.stringify(a).includes('Tilleuls2026')));

    // The C07 link → Activé; then the chosen password opens the portal.
    const activation = await g.app.inject({ method: 'GET', url: `/activation/${token}` });
    assert.equal(activation.statusCode, 200);
    assert.match(activation.body, /Votre compte est activé/);
    const activated = await accountOf('b.fontanel');
    assert.equal(activated.state, 'active');
    assert.equal(activated.emailVerified, true);
    const later = familyAgent(g, '10.9.0.2');
    assert.equal((await later.logIn('b.fontanel', 'Tilleuls2026')).location, '/portail');
    assert.equal((await later.get('/portail')).status, 200);
    assert.equal((await agent.get(url)).status, 200, 'the sent page stays until the flow expires');
  });

  test('a wrong CSRF token is refused (403) and changes nothing; a stale step form shows the current step', async () => {
    const agent = familyAgent(g, '10.9.0.5');
    const url = (await agent.logIn('j.leboeuf', 'Famille2026')).location!;
    const direct = await g.app.inject({ method: 'GET', url });
    assert.equal(direct.headers['cache-control'], 'no-store');
    const refused = await agent.post(url, { _csrf: 'forged', etape: 'email', email: 'pirate@example.org' });
    assert.equal(refused.status, 403);
    assert.ok(refused.body.includes("Ce formulaire n&#39;est plus valable") || refused.body.includes("Ce formulaire n'est plus valable"));
    const missing = await agent.post(url, { etape: 'email', email: 'pirate@example.org' });
    assert.equal(missing.status, 403);
    assert.equal((await flowOf(url))!.state, 'email');
    assert.notEqual((await accountOf('j.leboeuf')).email, 'pirate@example.org');
    const stale = await submit(agent, url, 'password', { password: 'Autre2026', confirmation: 'Autre2026' });
    assert.equal(stale.status, 303);
    assert.equal(stale.location, url);
    assert.equal((await flowOf(url))!.state, 'email');
  });

  test('an expired, unknown or foreign flow: the French page with the way back to login (410/404)', async () => {
    const agent = familyAgent(g, '10.9.0.6');
    const url = (await agent.logIn('j.leboeuf', 'Famille2026')).location!;
    const student = (await familyAgent(g, '10.9.0.6').logIn('m.chateau', 'ELEVE234')).location!;
    g.clock.advance(31 * 60 * 1000);
    try {
      const expired = await agent.get(url);
      assert.equal(expired.status, 410);
      assert.ok(text(expired.body).includes('Cette étape a expiré : reconnectez-vous avec votre identifiant et votre mot de passe.'));
      assert.match(expired.body, /href="\/"/);
      assert.equal((await agent.post(url, { _csrf: 'x', etape: 'email', email: 'a@example.org' })).status, 410);
    } finally {
      g.clock.advance(-31 * 60 * 1000);
    }
    for (const path of [`/premiere-connexion/${randomUUID()}`, '/premiere-connexion/pas-un-identifiant', `/premiere-connexion/${student.split('/').pop()}`]) {
      const response = await agent.get(path);
      assert.equal(response.status, 404, path);
      assert.ok(text(response.body).includes('Cette étape a expiré'), path);
    }
  });
  test('rev.: j.leboeuf (En cours d\'activation) lands on the address step, corrects it and gets a new C07; the older link expires', async () => {
    const agent = familyAgent(g, '10.9.0.3');
    const url = (await agent.logIn('j.leboeuf', 'Famille2026')).location!;
    const page = await agent.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /value="jeannoel\.leboeuf@example\.org"/);
    assert.ok(text(page.body).includes("Recevoir un nouveau courriel d'activation"));
    assert.ok(!page.body.includes('Étape'), 'no step counter for a correction');

    assert.equal((await submit(agent, url, 'email', { email: 'jn.leboeuf@example.org' })).status, 303);
    const account = await accountOf('j.leboeuf');
    const firstToken = tokenIn((await latestMail(account.id))!.text)!;
    assert.ok(text((await agent.get(url)).body).includes('envoyé à <strong>jn.leboeuf@example.org</strong>'));

    // "Corriger mon adresse": back to the address step, then a second C07 to the corrected address.
    assert.equal((await submit(agent, url, 'sent', {})).status, 303);
    const again = await agent.get(url);
    assert.match(again.body, /value="jn\.leboeuf@example\.org"/);
    assert.equal((await submit(agent, url, 'email', { email: 'jeannoel.leboeuf@example.net' })).status, 303);
    const second = (await latestMail(account.id))!;
    assert.equal(second.recipient, 'jeannoel.leboeuf@example.net');
    assert.equal(second.template, 'C07');
    const secondToken = tokenIn(second.text)!;
    assert.notEqual(secondToken, firstToken);

    const row = await accountOf('j.leboeuf');
    assert.equal(row.state, 'en_cours');
    assert.equal(row.email, 'jeannoel.leboeuf@example.net');
    assert.equal((await g.accounts.checkCredentials('j.leboeuf', 'Famille2026')).outcome, 'valid', 'the password is unchanged');
    const old = await g.app.inject({ method: 'GET', url: `/activation/${firstToken}` });
    assert.equal(old.statusCode, 410);
    assert.equal((await accountOf('j.leboeuf')).state, 'en_cours');
    const fresh = await g.app.inject({ method: 'GET', url: `/activation/${secondToken}` });
    assert.equal(fresh.statusCode, 200);
    assert.equal((await accountOf('j.leboeuf')).state, 'active');
    const firstLogins = (await auditOf(row.id)).filter((a) => a === 'account.first_login');
    assert.equal(firstLogins.length, 2);
    assert.ok(!(await auditOf(row.id)).includes('account.password_set'));
  });

  test('an activated account whose password an admin reset: the password step alone, then a session', async () => {
    const account = await accountOf('a.nguessan');
    const { reset } = await g.accounts.resetPasswords({ accountIds: [account.id] }, SYSTEM);
    const agent = familyAgent(g, '10.9.0.4');
    const url = (await agent.logIn('a.nguessan', reset[0]!.provisionalPassword, '/oidc/interaction/xyz')).location!;
    assert.match(url, /^\/premiere-connexion\//);
    const page = await agent.get(url);
    assert.ok(text(page.body).includes('réinitialisé par votre établissement'));
    const done = await submit(agent, url, 'password', { password: 'Nouveau2027', confirmation: 'Nouveau2027' });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/oidc/interaction/xyz');
    assert.ok(agent.cookies.has('guichet_session'));
    assert.equal((await agent.get('/portail')).status, 200);
    const row = await accountOf('a.nguessan');
    assert.equal(row.state, 'active');
    assert.equal(row.provisionalPassword, null);
    assert.equal((await g.accounts.checkCredentials('a.nguessan', 'Nouveau2027')).outcome, 'valid');
    assert.equal(await flowOf(url), undefined);
    assert.ok((await auditOf(row.id)).includes('account.password_set'));
  });

});
