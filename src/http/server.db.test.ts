import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testInstance, type TestInstance } from '../../test/helpers/test-instance.ts';

describe('HTTP skeleton', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
  });
  after(async () => {
    await g?.close();
  });

  test('GET /healthz answers 200 with the database checked', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok', database: 'ok' });
  });

  test('the home page is the login form, in French, with labels and strict security headers', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/html; charset=utf-8/);
    const html = response.body;
    assert.match(html, /^<!doctype html><html lang="fr">/);
    assert.match(html, /<label for="identifier">Identifiant<\/label>/);
    assert.match(html, /<label for="password">Mot de passe<\/label>/);
    assert.match(html, /autocomplete="current-password"/);
    const csp = response.headers['content-security-policy'] as string;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  test('the stylesheet is served', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/assets/guichet.css' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/css/);
  });

  test('an unknown page answers a French 404 page, never a stack trace', async () => {
    const response = await g.app.inject({ method: 'GET', url: '/nulle-part' });
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page introuvable/);
    assert.match(response.body, /Retour à la page de connexion/);
  });

});
