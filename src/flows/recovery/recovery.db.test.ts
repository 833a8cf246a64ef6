// SPEC §5 Recovery over HTTP on a seeded demo: identifier by e-mail, password by e-mail link and by SMS code,
// the same answer for unknown or non-activated accounts, throttling, CSRF (PGlite, or PostgreSQL with DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { accounts, accountSessions, auditEvents, outbox } from '../../db/schema.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { csrfOf, familyAgent } from '../../../test/helpers/family.ts';
import { flowPathOf, lastSmsCode, withSelfServiceRoutes } from '../sms-registration/test-kit.ts';

type Agent = ReturnType<typeof familyAgent>;

describe('recovery of activated accounts (SPEC §5)', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
    await withSelfServiceRoutes(g);
    await seedDemo(g.deps);
  });
  after(async () => {
    await g?.close();
  });

  const outboxCount = async () => (await g.database.db.select().from(outbox)).length;
  const lastEmailTo = async (recipient: string) =>
    (await g.database.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), eq(outbox.recipient, recipient))).orderBy(desc(outbox.createdAt)).limit(1))[0];

  const askIdentifier = async (agent: Agent, email: string) => {
    const path = flowPathOf(await agent.get('/recuperation/identifiant'));
    const response = await agent.post(path, { email, _csrf: csrfOf((await agent.get(path)).body) });
    return { path, response };
  };
  /** Mot de passe perdu up to the channel's answer. */
  const askPassword = async (agent: Agent, identifier: string, channel: 'email' | 'sms') => {
    const path = flowPathOf(await agent.get('/recuperation/mot-de-passe'));
    const first = await agent.get(path);
    assert.equal((await agent.post(`${path}/identifiant`, { identifier, _csrf: csrfOf(first.body) })).status, 303);
    const channels = await agent.get(path);
    assert.match(channels.body, /Par courriel/);
    assert.match(channels.body, /Par SMS/);
    const response = await agent.post(`${path}/moyen`, { channel, _csrf: csrfOf(channels.body) });
    return { path, response, page: await agent.get(path) };
  };

  test('Identifiant perdu: the identifier goes to the verified address of an activated account; the answer never varies', async () => {
    const known = await askIdentifier(familyAgent(g, '10.2.1.1'), 'Anais.Nguessan@EXAMPLE.net');
    assert.equal(known.response.status, 303);
    const page = await familyAgent(g, '10.2.1.1').get(known.path);
    assert.equal(page.status, 410, 'the flow answers only in its own browser');
    const mail = await lastEmailTo('anais.nguessan@example.net');
    assert.equal(mail!.template, 'recovery-identifier');
    assert.match(mail!.text, /a\.nguessan/);
    assert.match(mail!.html!, /<strong>a\.nguessan<\/strong>/);

    const agent = familyAgent(g, '10.2.1.2');
    const before = await outboxCount();
    const answers: string[] = [];
    for (const email of ['personne@example.org', 'benedicte.fontanel@example.org']) {
      const { path, response } = await askIdentifier(agent, email);
      assert.equal(response.status, 303);
      answers.push((await agent.get(path)).body.replace(/[0-9a-f-]{36}/g, ''));
    }
    assert.equal(answers[0], answers[1]);
    assert.match(answers[0]!, /Si cette adresse correspond à un compte activé, vous allez recevoir un courriel/);
    assert.equal(await outboxCount(), before, 'nothing for an unknown address nor a non-activated account');
    const invalid = await askIdentifier(agent, 'pas-une-adresse');
    assert.equal(invalid.response.status, 400);
    assert.match(invalid.response.body, /aria-describedby="email-hint email-errors"/);
  });

  test('Mot de passe perdu by e-mail link: new password set, old refused, sessions ended, link single-use', async () => {
    const owner = familyAgent(g, '10.2.2.1');
    assert.equal((await owner.logIn('a.nguessan', 'Parent2026x')).location, '/portail');
    const { response, page } = await askPassword(familyAgent(g, '10.2.2.2'), 'A.Nguessan', 'email');
    assert.equal(response.status, 303);
    assert.match(page.body, /Ce lien est valable 1 heure/);
    const mail = await lastEmailTo('anais.nguessan@example.net');
    assert.equal(mail!.template, 'recovery-password-link');
    const link = new URL(/https?:\/\/\S+jeton=\S+/.exec(mail!.text)![0]);

    const mailApp = familyAgent(g, '10.2.2.3'); // the link opens in another browser
    const form = await mailApp.get(link.pathname + link.search);
    assert.equal(form.status, 200);
    assert.match(form.body, /8 à 14 caractères/);
    const token = link.searchParams.get('jeton')!;
    const path = link.pathname;
    const weak = await mailApp.post(`${path}/nouveau-mot-de-passe`, { jeton: token, password: 'abc', confirmation: 'abc', _csrf: csrfOf(form.body) });
    assert.equal(weak.status, 400);
    const done = await mailApp.post(`${path}/nouveau-mot-de-passe`, { jeton: token, password: 'Nouveau2026', confirmation: 'Nouveau2026', _csrf: csrfOf(form.body) });
    assert.equal(done.location, '/recuperation/mot-de-passe-modifie');
    assert.match((await mailApp.get(done.location!)).body, /Votre mot de passe a été modifié\./);

    const [account] = await g.database.db.select().from(accounts).where(eq(accounts.identifier, 'a.nguessan'));
    assert.equal((await g.database.db.select().from(accountSessions).where(eq(accountSessions.accountId, account!.id))).length, 0);
    assert.equal((await owner.get('/portail')).status, 303, 'the open session is gone');
    assert.equal((await familyAgent(g, '10.2.2.4').logIn('a.nguessan', 'Parent2026x')).status, 401);
    assert.equal((await familyAgent(g, '10.2.2.4').logIn('a.nguessan', 'Nouveau2026')).location, '/portail');
    assert.equal((await mailApp.get(link.pathname + link.search)).status, 410, 'single-use');
    const [audit] = await g.database.db.select().from(auditEvents).where(and(eq(auditEvents.accountId, account!.id), eq(auditEvents.action, 'account.password_recovered')));
    assert.deepEqual(audit!.details, { via: 'email', endedSessions: 1 });
  });

  test('Mot de passe perdu by SMS code: code from the outbox, new password, old refused', async () => {
    const agent = familyAgent(g, '10.2.3.1');
    const { path, page } = await askPassword(agent, 'a.nguessan', 'sms');
    assert.match(page.body, /un code à 6 chiffres vient de lui être envoyé par SMS/);
    const code = await lastSmsCode(g.database.db, '+33639980003');
    const [sms] = await g.database.db.select().from(outbox).where(eq(outbox.recipient, '+33639980003')).orderBy(desc(outbox.createdAt)).limit(1);
    assert.match(sms!.text, /changer votre mot de passe/);
    assert.match(sms!.text, /Ne le communiquez à personne/);
    const wrong = await agent.post(`${path}/code`, { code: code === '000000' ? '111111' : '000000', _csrf: csrfOf(page.body) });
    assert.match(wrong.body, /Code incorrect\. Il vous reste 4 essais\./);
    assert.equal((await agent.post(`${path}/code`, { code, _csrf: csrfOf(page.body) })).status, 303);
    const form = await agent.get(path);
    assert.match(form.body, /Choisir un nouveau mot de passe/);
    const done = await agent.post(`${path}/nouveau-mot-de-passe`, { password: 'ParSms2026', confirmation: 'ParSms2026', _csrf: csrfOf(form.body) });
    assert.equal(done.location, '/recuperation/mot-de-passe-modifie');
    assert.equal((await familyAgent(g, '10.2.3.2').logIn('a.nguessan', 'Nouveau2026')).status, 401);
    assert.equal((await familyAgent(g, '10.2.3.2').logIn('a.nguessan', 'ParSms2026')).location, '/portail');
  });

  test('an unknown or non-activated identifier gets the same pages and nothing is sent', async () => {
    const before = await outboxCount();
    const pages: string[] = [];
    for (const [i, identifier] of ['x.inconnu', 'b.fontanel', 'h.laurent2'].entries()) {
      const agent = familyAgent(g, `10.2.4.${i + 1}`);
      const email = await askPassword(agent, identifier, 'email');
      const sms = await askPassword(agent, identifier, 'sms');
      pages.push(email.page.body.replace(/[0-9a-f-]{36}|value="[^"]+"/g, '') + sms.page.body.replace(/[0-9a-f-]{36}|value="[^"]+"/g, ''));
      const code = await agent.post(`${sms.path}/code`, { code: '123456', _csrf: csrfOf(sms.page.body) });
      assert.match(code.body, /Code incorrect/);
    }
    assert.equal(pages[0], pages[1]);
    assert.equal(pages[0], pages[2]);
    assert.match(pages[0]!, /Si ce compte est activé/);
    assert.match(pages[0]!, /pas encore activé/);
    assert.equal(await outboxCount(), before);
  });

  test('an e-mail link expires after 1 hour', async () => {
    await askPassword(familyAgent(g, '10.2.5.1'), 'a.nguessan', 'email');
    const link = new URL(/https?:\/\/\S+jeton=\S+/.exec((await lastEmailTo('anais.nguessan@example.net'))!.text)![0]);
    g.clock.advance(61 * 60_000);
    const late = await familyAgent(g, '10.2.5.2').get(link.pathname + link.search);
    assert.equal(late.status, 410);
    assert.match(late.body, /n&#39;est plus valable|n'est plus valable/);
  });

  test('requests are throttled per address and per identifier', async () => {
    const agent = familyAgent(g, '10.2.6.1');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await askIdentifier(agent, 'quelquun@example.org')).response.status);
    assert.deepEqual(statuses, [303, 303, 303, 429]);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await askPassword(familyAgent(g, `10.2.6.${i + 2}`), 'x.repete', 'email')).response.status);
    assert.deepEqual(codes, [303, 303, 303, 429]);
  });

  test('CSRF and the browser: without the flow’s token or from another browser nothing moves', async () => {
    const agent = familyAgent(g, '10.2.7.1');
    const path = flowPathOf(await agent.get('/recuperation/mot-de-passe'));
    const csrf = csrfOf((await agent.get(path)).body);
    assert.equal((await agent.post(`${path}/identifiant`, { identifier: 'a.nguessan' })).status, 403);
    assert.equal((await familyAgent(g, '10.2.7.2').post(`${path}/identifiant`, { identifier: 'a.nguessan', _csrf: csrf })).status, 410);
    const link = await familyAgent(g, '10.2.7.2').post(`${path}/nouveau-mot-de-passe`, { jeton: 'faux', password: 'Pirate2026', confirmation: 'Pirate2026', _csrf: csrf });
    assert.equal(link.status, 410);
    assert.match((await agent.get(path)).body, /Identifiant/);
  });
});
