// SPEC §6 OpenID Connect end to end with a real client (openid-client) against a Guichet listening on 127.0.0.1:
// discovery, authorization code + PKCE, signed ID token, userinfo with the FrEduCt* claims, refresh, logout —
// and the requests a provider must refuse. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { eq } from 'drizzle-orm';
import { accounts, accountSessions, signingKeys } from '../../db/schema.ts';
import { ACCOUNT_COOKIE, loadAccountSession, startAccountSession } from '../../families/session.ts';
import { tokenHash } from '../../shared/tokens.ts';
import { addOidcClient } from '../../services/oidc-clients.ts';
import { returnToFormActionOrigins } from './return-to-origins.ts';
import { OIDC_PURGE_QUEUE, startOidcPurgeJob } from './purge-job.ts';
import {
  BrowserJar,
  demoPeople,
  durableTestDatabase,
  familyCookie,
  oidcInstance,
  startOidcGuichet,
  type DemoPeople,
  type OidcInstance,
} from '../../../test/helpers/oidc-instance.ts';

const RP = 'http://ent.test';
const REDIRECT = `${RP}/callback`;
const SCOPE = 'openid profile email profile-school';

interface Authorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

describe('OpenID Connect provider', () => {
  let g: OidcInstance;
  let people: DemoPeople;
  let config: client.Configuration;
  let secret: string;

  before(async () => {
    g = await oidcInstance();
    people = await demoPeople(g);
    const added = await addOidcClient(g.database.db, g.deps.secretBox, {
      id: 'ent-test',
      name: 'ENT de test',
      url: `${RP}/`,
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: [`${RP}/`],
    });
    secret = added.clientSecret!;
    config = await client.discovery(new URL(g.issuer), 'ent-test', secret, client.ClientSecretBasic(secret), {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    });
  });
  after(async () => {
    await g?.close();
  });

  async function authorization(extra: Record<string, string> = {}): Promise<Authorization> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url, verifier, state, nonce };
  }

  /** authorize → (signed-in family session) → the redirect back to the service. */
  async function signIn(accountId: string, jar?: BrowserJar) {
    const browser = jar ?? new BrowserJar(await familyCookie(g, accountId));
    const auth = await authorization();
    const { url } = await browser.follow(auth.url, g.issuer);
    assert.ok(url.startsWith(REDIRECT), `came back to the service: ${url}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(url), {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
      idTokenExpected: true,
    });
    return { browser, tokens, callback: new URL(url) };
  }

  test('discovery: issuer at the root, every endpoint under /oidc, PKCE S256 only; other paths stay Fastify’s', async () => {
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, g.issuer);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'end_session_endpoint', 'revocation_endpoint'] as const) {
      assert.ok(String(meta[key]).startsWith(`${g.issuer}/oidc/`), key);
    }
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(meta.response_types_supported, ['code']);
    assert.ok(meta.scopes_supported?.includes('profile-school'));
    assert.equal((await fetch(`${g.issuer}/healthz`)).status, 200);
    const missing = await fetch(`${g.issuer}/nulle-part`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Page introuvable/);
  });

  test('a guardian signs in: code + PKCE → signed ID token → userinfo with the EduConnect claims', async () => {
    const { tokens, callback } = await signIn(people.guardianId);
    assert.equal(callback.searchParams.get('iss'), g.issuer);
    const idToken = tokens.claims()!;
    assert.equal(idToken.sub, people.guardianId);
    assert.equal(idToken.aud, 'ent-test');
    const [header] = tokens.id_token!.split('.');
    const { kid, alg } = JSON.parse(Buffer.from(header!, 'base64url').toString()) as { kid: string; alg: string };
    assert.equal(alg, 'RS256');
    const [stored] = await g.database.db.select({ kid: signingKeys.kid }).from(signingKeys);
    assert.equal(kid, stored!.kid);

    const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    assert.equal(info.preferred_username, 'a.nguessan');
    assert.equal(info.given_name, 'Anaïs');
    assert.equal(info.family_name, "N'Guessan");
    assert.equal(info.email, 'anais.nguessan@example.net');
    assert.equal(info.email_verified, true);
    assert.equal(info.FrEduCtId, people.guardianId);
    assert.deepEqual(info.FrEduCtPersonAffiliation, ['resp1d', 'resp2d']);
    assert.deepEqual(
      (info.children as Array<Record<string, unknown>>).map((c) => [c.given_name, c.class, c.level]),
      [
        ['Enzo', '5E2', '5E'],
        ['Zoé', 'CM1 A', 'CM1'],
      ],
    );
    assert.equal((info.uai as string[]).length, 2);
    assert.equal(info.FrEduCtEleveINE, undefined, 'INE is not released in this issue');
    assert.equal(info.birthdate, undefined);
  });

  test('a student: affiliation eleve2d, UAI, level, birth date', async () => {
    const { tokens } = await signIn(people.studentId);
    const info = await client.fetchUserInfo(config, tokens.access_token, people.studentId);
    assert.equal(info.given_name, 'Maëlys');
    assert.equal(info.FrEduCtPersonAffiliation, 'eleve2d');
    assert.match(String(info.FrEduCtEleveUAI), /^[0-9]{7}[A-Z]$/);
    assert.equal(info.FrEduCtEleveNiveau, '4E');
    assert.equal(info.FrEduCtDateNaissance, '2013-06-21');
    assert.equal(info.birthdate, '2013-06-21');
    assert.deepEqual(info.uai, [info.FrEduCtEleveUAI]);
    assert.equal(info.children, undefined);
  });

  test('refresh: a new access token; the rotated refresh token cannot be used twice', async () => {
    const { tokens } = await signIn(people.guardianId);
    assert.ok(tokens.refresh_token);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.notEqual(refreshed.access_token, tokens.access_token);
    const info = await client.fetchUserInfo(config, refreshed.access_token, people.guardianId);
    assert.equal(info.sub, people.guardianId);
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: client.ResponseBodyError) => e.error === 'invalid_grant');
  });

  test('RP-initiated logout ends the provider session and the Guichet family session', async () => {
    const cookie = await familyCookie(g, people.guardianId);
    const jar = new BrowserJar(cookie);
    const { tokens } = await signIn(people.guardianId, jar);
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${RP}/`, state: 'au-revoir' });
    const confirm = await jar.fetch(endSession);
    assert.equal(confirm.status, 200);
    const page = await confirm.text();
    assert.match(page, /Oui, me déconnecter/);
    assert.match(confirm.headers.get('content-security-policy') ?? '', /form-action 'self' http:\/\/ent\.test/);
    const action = /action="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const done = await jar.fetch(new URL(action, g.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), `${RP}/?state=au-revoir`);
    const token = cookie.slice(ACCOUNT_COOKIE.length + 1);
    assert.equal(await loadAccountSession(g.deps, token), null);
    assert.equal((await g.database.db.select().from(accountSessions).where(eq(accountSessions.tokenHash, tokenHash(token)))).length, 0);
    assert.equal(jar.has(ACCOUNT_COOKIE), false, 'the family cookie is cleared');
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: client.ResponseBodyError) => e.error === 'invalid_grant');
  });

  test('a link to end_session from anywhere (no provider session) does not end the family session', async () => {
    const cookie = await familyCookie(g, people.guardianId);
    const jar = new BrowserJar(cookie);
    const url = client.buildEndSessionUrl(config, { client_id: 'ent-test', post_logout_redirect_uri: `${RP}/` });
    const page = await (await jar.fetch(url)).text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const done = await jar.fetch(`${g.issuer}/oidc/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    assert.equal(done.status, 303);
    assert.ok(await loadAccountSession(g.deps, cookie.slice(ACCOUNT_COOKIE.length + 1)), 'still signed in at Guichet');
  });

  test('no family session: the login page, then back to the interaction once signed in', async () => {
    const jar = new BrowserJar();
    const auth = await authorization();
    const { response, url } = await jar.follow(auth.url, g.issuer);
    assert.equal(response.status, 200, 'the login page');
    const retour = new URL(url).searchParams.get('retour');
    assert.match(retour ?? '', /^\/oidc\/interaction\/[\w-]+$/);
    const token = await startAccountSession(g.deps, { accountId: people.guardianId, method: 'password' });
    jar.set(ACCOUNT_COOKIE, token);
    const back = await jar.follow(new URL(retour!, g.issuer), g.issuer);
    assert.ok(back.url.startsWith(REDIRECT), `${back.response.status} ${back.url} ${await back.response.text()}`);
    assert.ok(new URL(back.url).searchParams.get('code'));
  });

  test('an account not active yet is sent to the login page (which routes it to activation)', async () => {
    const [pending] = await g.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, 'j.leboeuf'));
    const jar = new BrowserJar(await familyCookie(g, pending!.id));
    const { url } = await jar.follow((await authorization()).url, g.issuer);
    assert.match(new URL(url).search, /^\?retour=%2Foidc%2Finteraction%2F/);
  });

  test('single sign-on lasts only as long as the family session; prompt=none then answers login_required', async () => {
    const cookie = await familyCookie(g, people.guardianId);
    const jar = new BrowserJar(cookie);
    await signIn(people.guardianId, jar);
    const silent = await jar.follow((await authorization({ prompt: 'none' })).url, g.issuer);
    assert.ok(new URL(silent.url).searchParams.get('code'), 'silent SSO while the family session lives');
    await g.database.db.delete(accountSessions).where(eq(accountSessions.tokenHash, tokenHash(cookie.slice(ACCOUNT_COOKIE.length + 1))));
    const after = await jar.follow((await authorization({ prompt: 'none' })).url, g.issuer);
    assert.equal(new URL(after.url).searchParams.get('error'), 'login_required');
  });

  test('prompt=login or an exceeded max_age asks the person to sign in again', async () => {
    for (const extra of [{ prompt: 'login' }, { max_age: '60' }] as Array<Record<string, string>>) {
      const cookie = await familyCookie(g, people.guardianId);
      const token = cookie.slice(ACCOUNT_COOKIE.length + 1);
      await g.database.db
        .update(accountSessions)
        .set({ authTime: new Date(Date.now() - 10 * 60_000) })
        .where(eq(accountSessions.tokenHash, tokenHash(token)));
      const { url } = await new BrowserJar(cookie).follow((await authorization(extra)).url, g.issuer);
      assert.match(new URL(url).search, /^\?retour=/, JSON.stringify(extra));
      assert.equal(await loadAccountSession(g.deps, token), null, 'the old session ended, so the login page asks again');
    }
  });

  test('a public client (no secret) signs in with PKCE alone', async () => {
    await addOidcClient(g.database.db, g.deps.secretBox, { id: 'appli', name: 'Appli', url: 'http://appli.test/', redirectUris: ['http://appli.test/cb'], public: true });
    const pub = await client.discovery(new URL(g.issuer), 'appli', undefined, client.None(), { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(pub, {
      redirect_uri: 'http://appli.test/cb',
      scope: 'openid profile-school',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 's'.repeat(43),
    });
    const back = await new BrowserJar(await familyCookie(g, people.studentId)).follow(url, g.issuer);
    const tokens = await client.authorizationCodeGrant(pub, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: 's'.repeat(43) });
    const info = await client.fetchUserInfo(pub, tokens.access_token, people.studentId);
    assert.equal(info.FrEduCtPersonAffiliation, 'eleve2d');
    assert.equal(info.preferred_username, undefined, 'profile was not asked for');
  });

  test('the login page can learn the one origin its form leads to (CSP form-action)', async () => {
    const { url } = await new BrowserJar().follow((await authorization()).url, g.issuer);
    const retour = new URL(url).searchParams.get('retour')!;
    assert.deepEqual(await returnToFormActionOrigins(g.database.db, retour), [RP]);
    assert.deepEqual(await returnToFormActionOrigins(g.database.db, '/oidc/interaction/inconnue'), []);
    assert.deepEqual(await returnToFormActionOrigins(g.database.db, '/aide'), []);
    assert.deepEqual(await returnToFormActionOrigins(g.database.db, undefined), []);
  });

  test('expired provider rows are purged by an hourly job', async () => {
    await startOidcPurgeJob(g.boss, { db: g.database.db });
    const schedules = await g.boss.getSchedules();
    assert.ok(schedules.some((s) => s.name === OIDC_PURGE_QUEUE));
  });

  test('refused: a redirect URI that is not registered — an error page, never a redirect to it', async () => {
    const auth = await authorization();
    auth.url.searchParams.set('redirect_uri', 'http://evil.test/callback');
    const response = await new BrowserJar(await familyCookie(g, people.guardianId)).fetch(auth.url);
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(await response.text(), /adresse de retour demandée par ce service n'est pas enregistrée/);
  });

  test('refused: an unknown client', async () => {
    const auth = await authorization();
    auth.url.searchParams.set('client_id', 'inconnu');
    const response = await fetch(auth.url, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(await response.text(), /pas enregistré auprès de Guichet/);
  });

  test('refused: no PKCE challenge at authorize, no verifier at the token endpoint', async () => {
    const auth = await authorization();
    auth.url.searchParams.delete('code_challenge');
    auth.url.searchParams.delete('code_challenge_method');
    const { url } = await new BrowserJar(await familyCookie(g, people.guardianId)).follow(auth.url, g.issuer);
    assert.equal(new URL(url).searchParams.get('error'), 'invalid_request');

    const jar = new BrowserJar(await familyCookie(g, people.guardianId));
    const ok = await authorization();
    const back = await jar.follow(ok.url, g.issuer);
    const code = new URL(back.url).searchParams.get('code')!;
    const response = await fetch(config.serverMetadata().token_endpoint!, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`ent-test:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_grant');
  });

  test('refused: a replayed authorization code, and the tokens it gave are revoked', async () => {
    const jar = new BrowserJar(await familyCookie(g, people.guardianId));
    const auth = await authorization();
    const { url } = await jar.follow(auth.url, g.issuer);
    const checks = { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce, idTokenExpected: true };
    const tokens = await client.authorizationCodeGrant(config, new URL(url), checks);
    await assert.rejects(client.authorizationCodeGrant(config, new URL(url), checks), (e: client.ResponseBodyError) => e.error === 'invalid_grant');
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, people.guardianId));
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: client.ResponseBodyError) => e.error === 'invalid_grant');
  });
});

test('a restart on the same database keeps the signing key (JWKS)', async () => {
  const database = await durableTestDatabase();
  try {
    const first = await startOidcGuichet(database.target);
    const before = (await (await fetch(`${first.issuer}/oidc/jwks`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    await first.close();
    const second = await startOidcGuichet(database.target);
    try {
      const after = (await (await fetch(`${second.issuer}/oidc/jwks`)).json()) as { keys: Array<{ kid: string; d?: string }> };
      assert.equal(before.keys.length, 1);
      assert.deepEqual(after.keys, before.keys);
      assert.equal(after.keys[0]!.d, undefined, 'only the public key is published');
      const [row] = await second.database.db.select().from(signingKeys);
      assert.doesNotMatch(row!.sealedJwk, /"d"/, 'the private key is stored sealed');
    } finally {
      await second.close();
    }
  } finally {
    await database.drop();
  }
});
