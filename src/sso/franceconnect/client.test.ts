// Issue 9: Guichet's FranceConnect relying party against the development FranceConnect (oidc-provider), driven
// over HTTP: a login, the signed JWT userinfo, and one test per refusal (state, nonce, signatures, audience,
// provider error, provider down, cancel), then the logout round trip.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { CookieJar, follow, signInAtFranceConnectDev } from '../../../examples/franceconnect-dev/http-driver.ts';
import { FRANCECONNECT_DEV_IDENTITIES, startFranceConnectDev, type FranceConnectDev } from '../../../examples/franceconnect-dev/server.tsx';
import {
  completeFranceConnectLogin,
  createFranceConnectClient,
  firstGivenName,
  FranceConnectError,
  franceConnectLogoutUrl,
  startFranceConnectLogin,
  type FranceConnectClient,
  type FranceConnectClientOptions,
} from './client.ts';
import { FRANCECONNECT_DEFAULT_SCOPES, franceConnectSettingsFrom, franceConnectSettingsSchema, type FranceConnectSettings } from './settings.ts';

const REDIRECT = 'http://127.0.0.1:9/franceconnect/retour';
const LOGGED_OUT = 'http://127.0.0.1:9/franceconnect/deconnecte';
const A = { clientId: 'guichet-test', clientSecret: 'secret-de-test-guichet-a', signingAlg: 'ES256' as const };
const B = { clientId: 'autre-service', clientSecret: 'secret-de-test-service-b', signingAlg: 'RS256' as const };
const [benedicte, jeanNoel] = FRANCECONNECT_DEV_IDENTITIES;

let fc: FranceConnectDev;
type TestClient = { clientId: string; clientSecret: string; signingAlg: 'ES256' | 'RS256' };
const settingsFor = (c: TestClient, issuer = fc.issuer): FranceConnectSettings => ({
  issuer,
  clientId: c.clientId,
  clientSecret: c.clientSecret,
  scopes: FRANCECONNECT_DEFAULT_SCOPES,
  signingAlg: c.signingAlg,
});
const clientFor = (c: TestClient, options?: FranceConnectClientOptions) => createFranceConnectClient(settingsFor(c), options);

before(async () => {
  fc = await startFranceConnectDev({
    port: 0,
    host: '127.0.0.1',
    clients: [A, B].map((c) => ({ ...c, redirectUris: [REDIRECT], postLogoutRedirectUris: [LOGGED_OUT] })),
  });
});
after(() => fc.close());

/** Start, sign in at the dev FranceConnect, come back: what the callback route would receive. */
async function signIn(client: FranceConnectClient, options: { identity?: string; cancel?: boolean; jar?: CookieJar } = {}) {
  const start = await startFranceConnectLogin(client, { redirectUri: REDIRECT });
  const callbackUrl = await signInAtFranceConnectDev(start.url, { redirectUri: REDIRECT, ...options });
  return { ...start, callbackUrl };
}

async function refusal(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FranceConnectError, String(error));
    assert.equal(error.code, code, error.detail);
    assert.doesNotMatch(`${error.message} ${error.detail}`, /eyJ/, 'no token in the error');
    return true;
  });
}

/** Sets a failure switch of the dev provider for the length of one test. */
async function withFailure(failure: FranceConnectDev['failures'], run: () => Promise<void>): Promise<void> {
  Object.assign(fc.failures, failure);
  try {
    await run();
  } finally {
    for (const key of Object.keys(failure)) delete fc.failures[key as keyof typeof failure];
  }
}

describe('FranceConnect login', () => {
  test('the authorization request: code flow, acr_values=eidas1, long random state and nonce, no PKCE', async () => {
    const { url, state, nonce } = await startFranceConnectLogin(clientFor(A), { redirectUri: REDIRECT });
    const params = new URL(url).searchParams;
    assert.ok(url.startsWith(`${fc.issuer}/authorize?`));
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('acr_values'), 'eidas1');
    assert.equal(params.get('scope'), FRANCECONNECT_DEFAULT_SCOPES);
    assert.equal(params.get('client_id'), A.clientId);
    assert.ok(state.length >= 32 && nonce.length >= 32 && state !== nonce);
    assert.equal(params.get('state'), state);
    assert.equal(params.get('nonce'), nonce);
    assert.equal(params.get('code_challenge'), null);
  });

  test('a guardian signs in: identity from the signed JWT userinfo, acr eidas1 in the ID token', async () => {
    const contentTypes: string[] = [];
    const recording: FranceConnectClientOptions['fetch'] = async (url, init) => {
      const response = await fetch(url, init as RequestInit);
      if (url.endsWith('/userinfo')) contentTypes.push(response.headers.get('content-type') ?? '');
      return response;
    };
    const client = clientFor(A, { fetch: recording });
    const { callbackUrl, state, nonce } = await signIn(client, { identity: benedicte!.sub });
    const identity = await completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT });
    assert.deepEqual({ ...identity, idToken: undefined }, {
      sub: benedicte!.sub,
      givenName: 'Bénédicte Marie',
      familyName: 'Fontanel',
      birthdate: '1988-04-12',
      email: 'benedicte.fontanel@example.org',
      idToken: undefined,
    });
    assert.equal(firstGivenName(identity.givenName), 'Bénédicte');
    assert.match(identity.sub, /^[0-9a-f]{64}$/);
    const idToken = decodeJwt(identity.idToken);
    assert.equal(idToken.acr, 'eidas1');
    assert.equal(idToken.aud, A.clientId);
    assert.equal(idToken.iss, fc.issuer);
    assert.match(contentTypes[0] ?? '', /^application\/jwt/);
  });

  test('RS256 works too, and a live FranceConnect session gives a later login in one click', async () => {
    const client = clientFor(B);
    const jar = new CookieJar();
    const first = await signIn(client, { identity: jeanNoel!.sub, jar });
    const one = await completeFranceConnectLogin(client, { callbackUrl: first.callbackUrl, expectedState: first.state, expectedNonce: first.nonce, redirectUri: REDIRECT });
    assert.equal(one.familyName, 'Lebœuf');
    // Same jar: the identity page is not shown again (signInAtFranceConnectDev would fail on an unknown identity).
    const again = await signIn(client, { identity: 'aucune', jar });
    const two = await completeFranceConnectLogin(client, { callbackUrl: again.callbackUrl, expectedState: again.state, expectedNonce: again.nonce, redirectUri: REDIRECT });
    assert.equal(two.sub, jeanNoel!.sub);
  });

  test('the dev provider refuses an authorization request without acr_values', async () => {
    const { url } = await startFranceConnectLogin(clientFor(A), { redirectUri: REDIRECT });
    const withoutAcr = new URL(url);
    withoutAcr.searchParams.delete('acr_values');
    const response = await fetch(withoutAcr, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<html lang="fr">.*acr_values=eidas1 est obligatoire/s);
  });

  test('the identity page is French and labelled', async () => {
    const { url } = await startFranceConnectLogin(clientFor(A), { redirectUri: REDIRECT });
    const page = await follow(new CookieJar(), url, REDIRECT);
    const text = await page.response!.text();
    assert.match(text, /<html lang="fr">/);
    for (const [index, identity] of FRANCECONNECT_DEV_IDENTITIES.entries()) {
      assert.match(text, new RegExp(`<label for="identite-${index}">`));
      assert.ok(text.includes(identity.family_name.replace("'", '&#39;')) || text.includes(identity.family_name), identity.family_name);
    }
    assert.doesNotMatch(text, /<script|style=/);
  });
});

describe('FranceConnect refusals', () => {
  test('a state that is not the one kept for this browser', async () => {
    const client = clientFor(A);
    const { callbackUrl, nonce } = await signIn(client);
    const other = await startFranceConnectLogin(client, { redirectUri: REDIRECT });
    await refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: other.state, expectedNonce: nonce, redirectUri: REDIRECT }), 'state_mismatch');
  });

  test('a nonce that is not the one of this login', async () => {
    const client = clientFor(A);
    const { callbackUrl, state } = await signIn(client);
    const other = await startFranceConnectLogin(client, { redirectUri: REDIRECT });
    await refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: other.nonce, redirectUri: REDIRECT }), 'nonce_mismatch');
  });

  test('a userinfo JWT signed with another key', async () => {
    const client = clientFor(A);
    const { callbackUrl, state, nonce } = await signIn(client);
    await withFailure({ userinfo: 'bad-signature' }, () =>
      refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'bad_signature'),
    );
  });

  test('an ID token signed with another key (ES256 and RS256)', async () => {
    for (const c of [A, B]) {
      const client = clientFor(c);
      const { callbackUrl, state, nonce } = await signIn(client);
      await withFailure({ idToken: 'bad-signature' }, () =>
        refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'bad_signature'),
      );
    }
  });

  test("the wrong audience: another client's code redeemed, so its ID token reaches Guichet", async () => {
    // The browser comes back with a code issued to client B; the token request goes out with B's credentials
    // (as if B's code and token were replayed to Guichet), so the ID token is genuine but names B.
    const asB: FranceConnectClientOptions['fetch'] = async (url, init) => {
      if (!url.endsWith('/token')) return fetch(url, init as RequestInit);
      const body = new URLSearchParams(String(init.body));
      body.set('client_id', B.clientId);
      body.set('client_secret', B.clientSecret);
      return fetch(url, { ...(init as RequestInit), body });
    };
    // Guichet expects B's algorithm here, so that the audience, not the algorithm, is what gives it away.
    const guichet = clientFor({ ...A, signingAlg: B.signingAlg }, { fetch: asB });
    const { callbackUrl, state, nonce } = await signIn(clientFor(B));
    await refusal(completeFranceConnectLogin(guichet, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'wrong_audience');
  });

  test('the wrong audience in an ID token signed with the right key (dev switch)', async () => {
    const client = clientFor(A);
    const { callbackUrl, state, nonce } = await signIn(client);
    await withFailure({ idToken: 'wrong-audience' }, () =>
      refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'wrong_audience'),
    );
  });

  test('FranceConnect answers an error at the token endpoint', async () => {
    const client = clientFor(A);
    const { callbackUrl, state, nonce } = await signIn(client);
    await withFailure({ token: 'error' }, () =>
      refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'provider_error'),
    );
  });

  test('FranceConnect drops the connection at the token endpoint', async () => {
    const client = clientFor(A);
    const { callbackUrl, state, nonce } = await signIn(client);
    await withFailure({ token: 'down' }, () =>
      refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'provider_down'),
    );
  });

  test('FranceConnect is down: nothing listens on its port', async () => {
    const gone = await startFranceConnectDev({ port: 0, host: '127.0.0.1', clients: [{ ...A, redirectUris: [REDIRECT], postLogoutRedirectUris: [] }] });
    const client = createFranceConnectClient(settingsFor(A, gone.issuer));
    const { callbackUrl, state, nonce } = await signIn(client);
    await gone.close();
    await refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'provider_down');
    // A fresh client (another process, a restart) cannot even discover it.
    await refusal(startFranceConnectLogin(createFranceConnectClient(settingsFor(A, gone.issuer)), { redirectUri: REDIRECT }), 'provider_down');
  });

  test('the person cancels at FranceConnect: error=access_denied in the callback', async () => {
    const client = clientFor(A);
    const { callbackUrl, state, nonce } = await signIn(client, { cancel: true });
    assert.equal(callbackUrl.searchParams.get('error'), 'access_denied');
    await refusal(completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT }), 'access_denied');
  });

  test('every refusal speaks French to people', () => {
    assert.match(new FranceConnectError('bad_signature', 'x').message, /^FranceConnect n'a pas pu confirmer votre identité\./);
    assert.match(new FranceConnectError('provider_down', 'x').message, /^FranceConnect ne répond pas pour le moment\./);
  });
});

test('logout: end_session_endpoint with id_token_hint, back to the registered address with the state', async () => {
  const client = clientFor(A);
  const jar = new CookieJar();
  const { callbackUrl, state, nonce } = await signIn(client, { identity: benedicte!.sub, jar });
  const { idToken } = await completeFranceConnectLogin(client, { callbackUrl, expectedState: state, expectedNonce: nonce, redirectUri: REDIRECT });
  const logoutState = 'etat-de-deconnexion-0123456789-abcdefghij';
  const url = await franceConnectLogoutUrl(client, { idToken, postLogoutRedirectUri: LOGGED_OUT, state: logoutState });
  assert.ok(url.startsWith(`${fc.issuer}/session/end?`));
  const back = await follow(jar, url, LOGGED_OUT);
  assert.equal(back.response, undefined, 'redirected back without a confirmation page');
  assert.equal(back.url.searchParams.get('state'), logoutState);
  // The FranceConnect session is over: the next login shows the identity page again.
  const next = await startFranceConnectLogin(client, { redirectUri: REDIRECT });
  const page = await follow(jar, next.url, REDIRECT);
  assert.equal(page.response?.status, 200);
});

test('settings: off, half configured, complete; plain http only on this machine', () => {
  const parse = (env: Record<string, string>) => franceConnectSettingsFrom(franceConnectSettingsSchema.parse(env));
  assert.deepEqual(parse({}), { settings: undefined, problems: [] });
  assert.equal(parse({ FRANCECONNECT_ISSUER: 'https://fcp-low.integ01.dev-franceconnect.fr/api/v2' }).problems.length, 2);
  const full = parse({ FRANCECONNECT_ISSUER: 'http://localhost:3002/api/v2/', FRANCECONNECT_CLIENT_ID: 'id', FRANCECONNECT_CLIENT_SECRET: 's' });
  assert.deepEqual(full.settings, { issuer: 'http://localhost:3002/api/v2', clientId: 'id', clientSecret: 's', scopes: FRANCECONNECT_DEFAULT_SCOPES, signingAlg: 'ES256' });
  assert.equal(franceConnectSettingsSchema.safeParse({ FRANCECONNECT_ISSUER: 'http://fc.example.org/api/v2' }).success, false);
  assert.equal(franceConnectSettingsSchema.safeParse({ FRANCECONNECT_SCOPES: 'openid email' }).success, false);
  assert.throws(() => createFranceConnectClient({ ...full.settings!, issuer: 'http://fc.example.org/api/v2' }));
});
