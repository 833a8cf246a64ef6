import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { accountSessions, flows } from '../../db/schema.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { csrfOf, familyAgent } from '../../../test/helpers/family.ts';

describe('family login, portal and logout (SPEC §5)', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
  });
  after(async () => {
    await g?.close();
  });

  test('the login page has the eye, the self-service links and a CSRF token', async () => {
    const page = await familyAgent(g).get('/');
    assert.equal(page.status, 200);
    for (const link of ['Identifiant perdu', 'Mot de passe perdu', "Je n'ai pas de compte", "Besoin d'aide ?", 'Mentions légales', 'Accessibilité']) {
      assert.ok(page.body.includes(link.replace("'", '&#39;')) || page.body.includes(link), link);
    }
    assert.match(page.body, /data-eye/);
    assert.match(page.body, /<script src="\/assets\/password-eye.js" defer><\/script>/);
    csrfOf(page.body);
  });

  test('a wrong password and an unknown identifier get the same answer', async () => {
    const agent = familyAgent(g, '10.0.0.1');
    const wrong = await agent.logIn('a.nguessan', 'Mauvais2026');
    const unknown = await agent.logIn('x.inconnu', 'Mauvais2026');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    for (const r of [wrong, unknown]) assert.match(r.body, /Identifiant ou mot de passe incorrect\./);
  });

  test('without the page token the login is refused', async () => {
    const result = await familyAgent(g).post('/login', { identifier: 'a.nguessan', password: 'Parent2026x' });
    assert.equal(result.status, 403);
  });

  test('an activated guardian reaches the portal with the children; logout ends the session', async () => {
    const agent = familyAgent(g, '10.0.0.2');
    const login = await agent.logIn('a.nguessan', 'Parent2026x');
    assert.equal(login.status, 303);
    assert.equal(login.location, '/portail');
    const portal = await agent.get('/portail');
    assert.equal(portal.status, 200);
    assert.match(portal.body, /Accéder à mes services en ligne/);
    assert.match(portal.body, /Zoé/);
    assert.match(portal.body, /Enzo/);
    const out = await agent.post('/deconnexion', { _csrf: csrfOf(portal.body) });
    assert.equal(out.location, '/?deconnecte=1');
    assert.equal((await agent.get('/portail')).status, 303);
    const sessions = await g.database.db.select().from(accountSessions);
    assert.equal(sessions.length, 0);
  });

  test('the way back: a same-site path is followed after login, anything else is ignored', async () => {
    const agent = familyAgent(g, '10.0.0.3');
    const back = await agent.logIn('a.nguessan', 'Parent2026x', '/oidc/interaction/abc');
    assert.equal(back.location, '/oidc/interaction/abc');
    const hostile = await familyAgent(g, '10.0.0.3').logIn('a.nguessan', 'Parent2026x', 'https://evil.example/');
    assert.equal(hostile.location, '/portail');
  });

  test('a provisional password leads to the activation first, never to a session', async () => {
    const sessionsBefore = (await g.database.db.select().from(accountSessions)).length;
    const guardian = await familyAgent(g, '10.0.0.4').logIn('b.fontanel', 'bunz57dm');
    assert.match(guardian.location ?? '', /^\/premiere-connexion\/[0-9a-f-]{36}$/);
    const student = await familyAgent(g, '10.0.0.4').logIn('m.chateau', 'ELEVE234');
    assert.match(student.location ?? '', /^\/activation-eleve\/[0-9a-f-]{36}$/);
    const pending = await familyAgent(g, '10.0.0.4').logIn('j.leboeuf', 'Famille2026');
    const flowId = pending.location!.split('/').pop()!;
    const [flow] = await g.database.db.select().from(flows).where(eq(flows.id, flowId));
    assert.equal(flow!.kind, 'guardian-activation');
    assert.equal(flow!.state, 'email', "rev.: En cours d'activation corrects the address and gets a new C07");
    assert.equal((await g.database.db.select().from(accountSessions)).length, sessionsBefore);
  });

  test('repeated failures on one account slow it down (growing delay, no lockout)', async () => {
    const agent = familyAgent(g, '10.0.0.5');
    for (let i = 0; i < 3; i++) assert.equal((await agent.logIn('h.dacostalopes', 'Mauvais2026')).status, 401);
    const slowed = await agent.logIn('h.dacostalopes', 'Mauvais2026');
    assert.equal(slowed.status, 429);
    assert.match(slowed.body, /Trop de tentatives/);
    // Another family behind another address is not affected.
    assert.equal((await familyAgent(g, '10.0.0.6').logIn('a.nguessan', 'Parent2026x')).status, 303);
  });

  test('legal notice and accessibility pages exist', async () => {
    assert.equal((await familyAgent(g).get('/mentions-legales')).status, 200);
    assert.equal((await familyAgent(g).get('/accessibilite')).status, 200);
  });
});
