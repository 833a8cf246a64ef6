// Issue 9, SPEC §3.1 and §5: FranceConnect on Guichet's side, end to end over HTTP against the development
// FranceConnect (examples/franceconnect-dev), on a seeded demo: the first connection (mobile, SMS code, birth
// dates) to Activé with origin FranceConnect, later logins in one click, every refusal, logout of both, unlink.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { CookieJar, follow, signInAtFranceConnectDev } from '../../examples/franceconnect-dev/http-driver.ts';
import { FRANCECONNECT_DEV_IDENTITIES, startFranceConnectDev, type FranceConnectDev } from '../../examples/franceconnect-dev/server.tsx';
import { accounts, accountSessions, auditEvents, franceConnectLinks, guardians } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { lastSmsCode } from '../../src/flows/sms-registration/test-kit.ts';
import { csrfOf, familyAgent } from '../helpers/family.ts';
import { testInstance, type TestInstance } from '../helpers/test-instance.ts';

type Agent = ReturnType<typeof familyAgent>;

const ISSUER = 'http://127.0.0.1:39871';
const REDIRECT = `${ISSUER}/franceconnect/retour`;
const LOGGED_OUT = `${ISSUER}/franceconnect/deconnexion`;
const CLIENT = { clientId: 'guichet-test', clientSecret: 'secret-de-test-guichet-fc' };
const who = (family: string) => FRANCECONNECT_DEV_IDENTITIES.find((i) => i.family_name === family)!;

describe('FranceConnect for guardians (issue 9, SPEC §5)', () => {
  let fc: FranceConnectDev;
  let g: TestInstance;
  let ip = 0;
  before(async () => {
    fc = await startFranceConnectDev({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      clients: [{ ...CLIENT, redirectUris: [REDIRECT], postLogoutRedirectUris: [LOGGED_OUT] }],
    });
    g = await testInstance({
      env: {
        GUICHET_ISSUER: ISSUER,
        FRANCECONNECT_ISSUER: fc.issuer,
        FRANCECONNECT_CLIENT_ID: CLIENT.clientId,
        FRANCECONNECT_CLIENT_SECRET: CLIENT.clientSecret,
        LOG_LEVEL: process.env.FC_DEBUG ? 'error' : 'silent',
      },
    });
    await seedDemo(g.deps);
  });
  after(async () => {
    await g?.close();
    await fc?.close();
  });

  /** A browser: Guichet's cookies (agent) and FranceConnect's (jar), its own address. */
  const browser = () => ({ agent: familyAgent(g, `10.9.0.${++ip}`), jar: new CookieJar() });

  /** Click the button, sign in at FranceConnect, come back: Guichet's answer to the callback. */
  const throughFranceConnect = async (b: { agent: Agent; jar: CookieJar }, options: { family?: string; cancel?: boolean; returnTo?: string; tamper?: (url: URL) => void } = {}) => {
    const start = await b.agent.get(options.returnTo ? `/franceconnect/connexion?retour=${encodeURIComponent(options.returnTo)}` : '/franceconnect/connexion');
    assert.equal(start.status, 302, start.body.slice(0, 300));
    assert.ok(start.location?.startsWith(fc.issuer), start.location);
    const callback = await signInAtFranceConnectDev(start.location!, { redirectUri: REDIRECT, identity: who(options.family ?? 'Fontanel').sub, cancel: options.cancel, jar: b.jar });
    options.tamper?.(callback);
    return b.agent.get(`${callback.pathname}${callback.search}`);
  };

  const accountOf = async (lastName: string) => {
    const [row] = await g.database.db.select({ account: accounts }).from(guardians).innerJoin(accounts, eq(accounts.id, guardians.accountId)).where(eq(guardians.lastName, lastName));
    return row!.account;
  };
  const auditsSince = async (action: string, since: Date) =>
    g.database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).then((rows) => rows.filter((r) => r.at >= since));

  /** The first connection's pages up to the children's page (mobile typed, code typed). */
  const pairUpToChildren = async (b: { agent: Agent }, path: string, mobile: string, e164: string) => {
    const mobilePage = await b.agent.get(path);
    assert.equal(mobilePage.status, 200);
    assert.match(mobilePage.body, /FranceConnect a confirmé votre identité/);
    const sent = await b.agent.post(`${path}/mobile`, { mobile, _csrf: csrfOf(mobilePage.body) });
    assert.equal(sent.status, 303, sent.body.slice(0, 500));
    const codePage = await b.agent.get(path);
    assert.match(codePage.body, /Saisir le code reçu par SMS/);
    const coded = await b.agent.post(`${path}/code`, { code: await lastSmsCode(g.database.db, e164), _csrf: csrfOf(codePage.body) });
    assert.equal(coded.status, 303);
    const childrenPage = await b.agent.get(path);
    assert.match(childrenPage.body, /Confirmer vos enfants/);
    return childrenPage;
  };

  test('login page: the FranceConnect button keeps the way back, and « Qu’est-ce que FranceConnect ? » opens a new window', async () => {
    const page = await familyAgent(g).get('/?retour=%2Foidc%2Finteraction%2Fabc');
    assert.match(page.body, /S&#39;identifier avec|S'identifier avec/);
    assert.match(page.body, /href="\/franceconnect\/connexion\?retour=%2Foidc%2Finteraction%2Fabc"/);
    assert.match(page.body, /href="https:\/\/franceconnect.gouv.fr\/" target="_blank" rel="noopener"/);
    assert.match(page.body, /\(nouvelle fenêtre\)/);
    // SPEC §5 rev.: « Je n'ai pas de compte » leads a guardian to FranceConnect too.
    const noAccount = await familyAgent(g).get('/inscription');
    assert.match(noAccount.body, /<a href="\/franceconnect\/connexion">S(&#39;|')identifier avec FranceConnect<\/a>/);
  });

  test('first connection of a « Notifié et non activé » guardian → Activé, origin FranceConnect, linked; the next login goes straight in', async () => {
    const b = browser();
    const before = await accountOf('Fontanel');
    assert.equal(before.state, 'notifie');
    const back = await throughFranceConnect(b, { returnTo: '/portail' });
    assert.equal(back.status, 303);
    assert.match(back.location!, /^\/franceconnect\/parcours\/[0-9a-f-]{36}$/);
    const childrenPage = await pairUpToChildren(b, back.location!, '06 39 98 00 01', '+33639980001');
    assert.match(childrenPage.body, /Date de naissance de Jade/);
    const studentId = /id="naissance-(\d+)"/.exec(childrenPage.body)![1]!;
    const done = await b.agent.post(`${back.location}/enfants`, { [`naissance-${studentId}`]: '14/03/2022', _csrf: csrfOf(childrenPage.body) });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/portail');
    assert.equal((await b.agent.get('/portail')).status, 200);

    const after = await accountOf('Fontanel');
    assert.equal(after.state, 'active');
    assert.equal(after.origin, 'franceconnect');
    assert.equal(after.provisionalPassword, null);
    const [link] = await g.database.db.select().from(franceConnectLinks).where(eq(franceConnectLinks.accountId, after.id));
    assert.equal(link?.sub, who('Fontanel').sub);
    const [session] = await g.database.db.select().from(accountSessions).where(eq(accountSessions.accountId, after.id)).orderBy(desc(accountSessions.createdAt));
    assert.equal(session!.method, 'franceconnect');
    assert.match(session!.franceConnectIdToken ?? '', /^eyJ/);
    const linked = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.franceconnect_linked'));
    assert.equal(linked.at(-1)!.details.origin, 'franceconnect');
    assert.doesNotMatch(JSON.stringify(await g.database.db.select().from(auditEvents)), /eyJ/, 'no token in the audit');

    // Later: a new Guichet browser session, FranceConnect's still alive → no page at all, straight to the portal.
    const later = { agent: familyAgent(g, `10.9.1.${++ip}`), jar: b.jar };
    const again = await throughFranceConnect(later, { returnTo: '/oidc/interaction/une-interaction' });
    assert.equal(again.status, 303);
    assert.equal(again.location, '/oidc/interaction/une-interaction', 'back to the OIDC interaction, as after a password login');
  });

  test('an Activé guardian keeps its origin; FranceConnect is linked', async () => {
    const b = browser();
    const before = await accountOf("N'Guessan");
    assert.equal(before.state, 'active');
    const back = await throughFranceConnect(b, { family: "N'Guessan" });
    const childrenPage = await pairUpToChildren(b, back.location!, '0639980003', '+33639980003');
    const id = /id="naissance-(\d+)"/.exec(childrenPage.body)![1]!;
    const label = new RegExp(`for="naissance-${id}">Date de naissance de (\\S+)<`).exec(childrenPage.body)![1]!;
    const birth = label === 'Zoé' ? '02/05/2017' : '19/11/2014';
    const done = await b.agent.post(`${back.location}/enfants`, { [`naissance-${id}`]: birth, _csrf: csrfOf(childrenPage.body) });
    assert.equal(done.status, 303, done.body.slice(0, 400));
    const after = await accountOf("N'Guessan");
    assert.equal(after.state, 'active');
    assert.equal(after.origin, before.origin);
    assert.equal(after.origin, 'etablissement');
    assert.equal(after.passwordHash, before.passwordHash);
    const [link] = await g.database.db.select().from(franceConnectLinks).where(eq(franceConnectLinks.accountId, after.id));
    assert.equal(link?.sub, who("N'Guessan").sub);
  });

  test('unknown mobile, wrong code, wrong birth date: French messages, account unchanged, audited', async () => {
    const since = g.clock();
    const b = browser();
    const before = await accountOf('Dacosta-Lopès');
    const back = await throughFranceConnect(b, { family: 'Dacosta-Lopès' });
    const path = back.location!;
    const page = await b.agent.get(path);
    const unknown = await b.agent.post(`${path}/mobile`, { mobile: '06 39 98 99 97', _csrf: csrfOf(page.body) });
    assert.equal(unknown.status, 200);
    assert.match(unknown.body, /Nous ne trouvons pas ce numéro de téléphone portable/);
    assert.match(unknown.body, /visible le lendemain/);
    assert.ok((await auditsSince('franceconnect.refused', since)).some((a) => a.details.reason === 'unknown'));

    await b.agent.post(`${path}/mobile`, { mobile: '06 39 98 00 04', _csrf: csrfOf(page.body) });
    const codePage = await b.agent.get(path);
    const code = await lastSmsCode(g.database.db, '+33639980004');
    const wrong = await b.agent.post(`${path}/code`, { code: code === '000000' ? '111111' : '000000', _csrf: csrfOf(codePage.body) });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /Code incorrect\. Il vous reste 4 essais\./);
    assert.equal((await auditsSince('franceconnect.code_failed', since)).length, 1);
    g.clock.advance(60_000); // past the number's growing delay
    await b.agent.post(`${path}/code`, { code, _csrf: csrfOf(codePage.body) });

    const childrenPage = await b.agent.get(path);
    const id = /id="naissance-(\d+)"/.exec(childrenPage.body)![1]!;
    const refused = await b.agent.post(`${path}/enfants`, { [`naissance-${id}`]: '01/01/2001', _csrf: csrfOf(childrenPage.body) });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /ne correspond pas à celle que l(&#39;|')établissement nous a transmise/);
    assert.equal((await auditsSince('franceconnect.birth_date_refused', since)).length, 1);

    const after = await accountOf('Dacosta-Lopès');
    assert.deepEqual({ state: after.state, origin: after.origin }, { state: before.state, origin: before.origin });
    assert.equal((await g.database.db.select().from(franceConnectLinks).where(eq(franceConnectLinks.accountId, after.id))).length, 0);
  });

  test('each refusal of FranceConnect: a French page back to the login page, audited, nothing changed', async () => {
    const cases: Array<{ name: string; reason: string; text: RegExp; status: number; run: (b: ReturnType<typeof browser>) => Promise<{ status: number; body: string }> }> = [
      {
        name: 'state mismatch',
        reason: 'state_mismatch',
        text: /a expiré ou ne vient pas de ce navigateur/,
        status: 400,
        run: (b) => throughFranceConnect(b, { tamper: (url) => url.searchParams.set('state', 'x'.repeat(43)) }),
      },
      { name: 'no flow in this browser', reason: 'state_mismatch', text: /ne vient pas de ce navigateur/, status: 400, run: (b) => b.agent.get('/franceconnect/retour?code=abc&state=def') },
      { name: 'access_denied', reason: 'access_denied', text: /Vous avez annulé la connexion avec FranceConnect/, status: 400, run: (b) => throughFranceConnect(b, { cancel: true }) },
      {
        name: 'provider down',
        reason: 'provider_down',
        text: /FranceConnect ne répond pas pour le moment/,
        status: 503,
        run: async (b) => {
          fc.failures.token = 'down';
          try {
            return await throughFranceConnect(b);
          } finally {
            delete fc.failures.token;
          }
        },
      },
      {
        name: 'bad userinfo signature',
        reason: 'bad_signature',
        text: /n&#39;a pas pu confirmer votre identité|n'a pas pu confirmer votre identité/,
        status: 400,
        run: async (b) => {
          fc.failures.userinfo = 'bad-signature';
          try {
            return await throughFranceConnect(b);
          } finally {
            delete fc.failures.userinfo;
          }
        },
      },
    ];
    for (const c of cases) {
      const since = g.clock();
      g.clock.advance(1_000);
      const b = browser();
      const answer = await c.run(b);
      assert.equal(answer.status, c.status, c.name);
      assert.match(answer.body, c.text, c.name);
      assert.match(answer.body, /Retour à la page de connexion/, c.name);
      const audits = await auditsSince('franceconnect.refused', since);
      assert.ok(audits.some((a) => a.details.reason === c.reason), `${c.name}: audited`);
      assert.doesNotMatch(JSON.stringify(audits), /eyJ/, 'no token in the audit');
    }
  });

  test('logout of a FranceConnect session ends both: Guichet, then FranceConnect’s end-session and back', async () => {
    const b = { agent: familyAgent(g, `10.9.2.${++ip}`), jar: new CookieJar() };
    const back = await throughFranceConnect(b); // Fontanel is linked by the first test
    assert.equal(back.location, '/portail');
    const portal = await b.agent.get('/portail');
    const out = await b.agent.post('/deconnexion', { _csrf: csrfOf(portal.body) });
    assert.equal(out.status, 303);
    assert.ok(out.location!.startsWith(`${fc.issuer}/session/end`), out.location);
    assert.match(out.location!, /id_token_hint=/);
    assert.equal((await b.agent.get('/portail')).status, 303, 'the Guichet session is over');
    const returned = await follow(b.jar, out.location!, LOGGED_OUT);
    assert.ok(returned.url.href.startsWith(LOGGED_OUT));
    const landing = await b.agent.get(`${returned.url.pathname}${returned.url.search}`);
    assert.equal(landing.location, '/?deconnecte=1');
    // FranceConnect's session is over too: the next login shows its page again.
    const start = await b.agent.get('/franceconnect/connexion');
    const again = await follow(b.jar, start.location!, REDIRECT);
    assert.ok(again.response, 'FranceConnect asks who you are again');
  });

  test('profile: « FranceConnect : lié »; unlinking needs a password of the account’s own', async () => {
    // Fontanel was activated through FranceConnect: no password, so no unlinking.
    const b = { agent: familyAgent(g, `10.9.3.${++ip}`), jar: new CookieJar() };
    assert.equal((await throughFranceConnect(b)).location, '/portail');
    const fcProfile = await b.agent.get('/profil');
    assert.match(fcProfile.body, /FranceConnect : lié/);
    assert.doesNotMatch(fcProfile.body, /Délier FranceConnect/);
    assert.match(fcProfile.body, /choisissez d(&#39;|')abord un mot de passe/);
    const refused = await b.agent.post('/profil/franceconnect/delier', { _csrf: csrfOf(fcProfile.body) });
    assert.equal(refused.status, 409);
    const fontanel = await accountOf('Fontanel');
    assert.equal((await g.database.db.select().from(franceConnectLinks).where(eq(franceConnectLinks.accountId, fontanel.id))).length, 1);

    // N'Guessan has her password (linked by an earlier test): unlinking works, then « non lié ».
    const agent = familyAgent(g, `10.9.3.${++ip}`);
    assert.equal((await agent.logIn('a.nguessan', 'Parent2026x')).location, '/portail');
    const profile = await agent.get('/profil');
    assert.match(profile.body, /FranceConnect : lié/);
    assert.equal((await agent.post('/profil/franceconnect/delier', { _csrf: 'faux' })).status, 403);
    const done = await agent.post('/profil/franceconnect/delier', { _csrf: csrfOf(profile.body) });
    assert.equal(done.location, '/profil?resultat=franceconnect-delie');
    const after = await agent.get(done.location!);
    assert.match(after.body, /FranceConnect : non lié/);
    assert.match(after.body, /FranceConnect est délié/);
    const nguessan = await accountOf("N'Guessan");
    assert.equal((await g.database.db.select().from(franceConnectLinks).where(eq(franceConnectLinks.accountId, nguessan.id))).length, 0);
    assert.equal((await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.franceconnect_unlinked'))).length, 1);
  });
});

describe('FranceConnect unreachable when the button is clicked', () => {
  let g: TestInstance;
  before(async () => {
    // Port 9 (discard): nothing answers there.
    g = await testInstance({
      env: { GUICHET_ISSUER: ISSUER, FRANCECONNECT_ISSUER: 'http://127.0.0.1:9/api/v2', FRANCECONNECT_CLIENT_ID: CLIENT.clientId, FRANCECONNECT_CLIENT_SECRET: CLIENT.clientSecret },
    });
  });
  after(async () => {
    await g?.close();
  });

  test('a French page, audited, the way back kept', async () => {
    const agent = familyAgent(g);
    const page = await agent.get('/franceconnect/connexion?retour=%2Fportail');
    assert.equal(page.status, 503);
    assert.match(page.body, /FranceConnect ne répond pas pour le moment/);
    assert.match(page.body, /href="\/\?retour=%2Fportail"/);
    const [audit] = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'franceconnect.refused'));
    assert.equal(audit?.details.reason, 'provider_down');
  });
});

describe('FranceConnect not configured', () => {
  test('no button, no routes', async () => {
    const g = await testInstance();
    try {
      const page = await familyAgent(g).get('/');
      assert.doesNotMatch(page.body, /FranceConnect/);
      assert.equal((await familyAgent(g).get('/franceconnect/connexion')).status, 404);
    } finally {
      await g.close();
    }
  });
});
