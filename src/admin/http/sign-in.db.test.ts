import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { establishments } from '../../db/schema.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { adminAgent, signedInAdmin } from '../../../test/helpers/admin.ts';

describe('console sign-in, establishment choice and logout', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
  });
  after(async () => {
    await g?.close();
  });

  test('a wrong password is refused with one message that does not say whether the login exists', async () => {
    const agent = adminAgent(g);
    for (const login of ['directeur.demo', 'personne.inconnue']) {
      const page = await agent.get('/admin/connexion');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const result = await agent.post('/admin/connexion', { login, password: 'mauvais', _csrf: csrf });
      assert.equal(result.status, 401);
      assert.match(result.body, /Identifiant ou mot de passe incorrect\./);
      assert.match(result.body, new RegExp(`value="${login.replace('.', '\\.')}"`), 'the login typed is kept');
    }
  });

  test('without the form token the sign-in is refused', async () => {
    const result = await adminAgent(g).post('/admin/connexion', { login: 'directeur.demo', password: 'Demo-Guichet-2026' });
    assert.equal(result.status, 403);
    assert.match(result.body, /La page de connexion a expiré/);
  });

  test('repeated failures slow the login down (growing delay), then the right password works again later', async () => {
    const agent = adminAgent(g);
    const attempt = async (password: string) => {
      const page = await agent.get('/admin/connexion');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      return agent.post('/admin/connexion', { login: 'directrice.demo', password, _csrf: csrf });
    };
    for (let i = 0; i < 3; i++) assert.equal((await attempt('mauvais')).status, 401);
    const throttled = await attempt('Demo-Guichet-2026');
    assert.equal(throttled.status, 429);
    assert.match(throttled.body, /Trop de tentatives : réessayez dans \d+ seconde\(s\)\./);
    g.clock.advance(3_000);
    assert.equal((await attempt('Demo-Guichet-2026')).status, 303);
  });

  test('an admin with two establishments chooses one; another admin\'s establishment is refused', async () => {
    const agent = await signedInAdmin(g, 'directeur.demo');
    let home = await agent.get('/admin');
    assert.equal(home.status, 200);
    assert.match(home.body, /<label for="establishment">Établissement à administrer<\/label>/);
    const options = [...home.body.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    assert.equal(options.length, 2);

    const csrf = await agent.csrf();
    const all = await g.database.db.select().from(establishments);
    const foreign = all.find((e) => !options.includes(e.id))!;
    const refused = await agent.post('/admin/etablissement', { establishmentId: String(foreign.id), _csrf: csrf });
    assert.equal(refused.status, 403);
    assert.match(refused.body, /ne fait pas partie de ceux que vous administrez/);

    const chosen = await agent.post('/admin/etablissement', { establishmentId: String(options[1]), _csrf: csrf });
    assert.equal(chosen.status, 303);
    home = await agent.get('/admin');
    const [picked] = await g.database.db.select().from(establishments).where(eq(establishments.id, options[1]!));
    assert.match(home.body, new RegExp(`<span class="uai">${picked!.uai}</span>`));
    assert.match(home.body, /aria-current="page"[^>]*>Accueil</);
  });

  test('an admin with one establishment has it chosen at once', async () => {
    const agent = await signedInAdmin(g, 'directrice.demo');
    const home = await agent.get('/admin');
    assert.doesNotMatch(home.body, /Établissement à administrer/);
    assert.match(home.body, /<span class="uai">\d{7}[A-Z]<\/span>/);
  });

  test('a form without its CSRF token changes nothing', async () => {
    const agent = await signedInAdmin(g, 'directeur.demo');
    const result = await agent.post('/admin/etablissement', { establishmentId: '1' });
    assert.equal(result.status, 403);
  });

  test('logout ends the session and shows its confirmation page', async () => {
    const agent = await signedInAdmin(g, 'directrice.demo');
    const csrf = await agent.csrf();
    const out = await agent.post('/admin/deconnexion', { _csrf: csrf });
    assert.equal(out.status, 303);
    assert.equal(out.headers.location, '/admin/deconnecte');
    const confirmation = await agent.get('/admin/deconnecte');
    assert.match(confirmation.body, /Vous êtes déconnecté/);
    assert.equal((await agent.get('/admin')).status, 303);
  });
});
