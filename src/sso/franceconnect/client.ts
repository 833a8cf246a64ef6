// Guichet as a relying party of FranceConnect v2 (issue 9), with openid-client v6: authorization code flow with
// acr_values=eidas1, random state and nonce, an ID token and a signed JWT userinfo both verified against
// FranceConnect's JWKS, logout through its end_session_endpoint. Every failure becomes a FranceConnectError whose
// message is a French sentence for people; nothing here logs, and no error carries a token or a claim.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { isLocalHttp, type FranceConnectSettings } from './settings.ts';

export type FranceConnectErrorCode =
  | 'state_mismatch'
  | 'nonce_mismatch'
  | 'bad_signature'
  | 'wrong_audience'
  | 'provider_error'
  | 'provider_down'
  | 'access_denied'
  | 'invalid_response';

const NOT_CONFIRMED =
  "FranceConnect n'a pas pu confirmer votre identité. Réessayez ou connectez-vous avec votre identifiant et votre mot de passe.";

const MESSAGES: Record<FranceConnectErrorCode, string> = {
  state_mismatch: 'Votre demande de connexion avec FranceConnect a expiré ou ne vient pas de ce navigateur. Recommencez depuis la page de connexion.',
  nonce_mismatch: NOT_CONFIRMED,
  bad_signature: NOT_CONFIRMED,
  wrong_audience: NOT_CONFIRMED,
  invalid_response: NOT_CONFIRMED,
  provider_error:
    'FranceConnect a rencontré une erreur. Réessayez dans quelques minutes ou connectez-vous avec votre identifiant et votre mot de passe.',
  provider_down:
    'FranceConnect ne répond pas pour le moment. Réessayez dans quelques minutes ou connectez-vous avec votre identifiant et votre mot de passe.',
  access_denied:
    'Vous avez annulé la connexion avec FranceConnect. Vous pouvez réessayer ou vous connecter avec votre identifiant et votre mot de passe.',
};

export class FranceConnectError extends Error {
  constructor(
    readonly code: FranceConnectErrorCode,
    /** What went wrong, in English, for the logs and the audit: never a token, a code or a claim value. */
    readonly detail: string,
  ) {
    super(MESSAGES[code]);
    this.name = 'FranceConnectError';
  }
}

export interface FranceConnectIdentity {
  /** FranceConnect's subject for Guichet (pairwise: stable for this person and this client id only). */
  sub: string;
  /** Every first name, as FranceConnect sends it ("Bénédicte Marie"): compare on firstGivenName(). */
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, when the scope asked for it. */
  birthdate: string | null;
  email: string | null;
  /** The raw ID token, kept for the logout's id_token_hint only. */
  idToken: string;
}

export interface FranceConnectClient {
  readonly settings: FranceConnectSettings;
  /** Discovery, done once per client object at first use; a failed discovery is tried again at the next call. */
  configuration(): Promise<oidc.Configuration>;
}

export interface FranceConnectClientOptions {
  /** Seconds before a request to FranceConnect is given up (default 10). */
  timeoutSeconds?: number;
  /** Replaces fetch for every request to FranceConnect (tests). */
  fetch?: oidc.CustomFetch;
}

/** The eIDAS levels Guichet accepts: eidas1, which it asks for, or higher. */
const ACCEPTED_ACR = new Set(['eidas1', 'eidas2', 'eidas3']);

/**
 * A client for one FranceConnect configuration. Nothing is fetched until the first login, so Guichet starts even
 * when FranceConnect is unreachable; any process may build its own (discovery is per process, state is not).
 */
export function createFranceConnectClient(settings: FranceConnectSettings, options: FranceConnectClientOptions = {}): FranceConnectClient {
  const issuer = new URL(settings.issuer);
  const insecure = isLocalHttp(issuer);
  if (issuer.protocol !== 'https:' && !insecure) {
    throw new Error('FRANCECONNECT_ISSUER doit commencer par https:// (http:// seulement pour localhost ou 127.0.0.1)');
  }
  // Signature checks of the ID token and of the userinfo JWT (enableNonRepudiationChecks): without it,
  // openid-client v6 reads a JWT userinfo without verifying its signature, trusting TLS alone.
  const execute = insecure ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests] : [oidc.enableNonRepudiationChecks];
  const metadata: Partial<oidc.ClientMetadata> = {
    client_secret: settings.clientSecret,
    id_token_signed_response_alg: settings.signingAlg,
    // Makes openid-client ask for and require an application/jwt userinfo signed with this algorithm.
    userinfo_signed_response_alg: settings.signingAlg,
  };
  const timeout = options.timeoutSeconds ?? 10;
  let discovered: Promise<oidc.Configuration> | undefined;
  return {
    settings,
    configuration: () =>
      (discovered ??= oidc
        .discovery(issuer, settings.clientId, metadata, oidc.ClientSecretPost(settings.clientSecret), {
          execute,
          timeout,
          ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}),
        })
        .catch((error: unknown) => {
          discovered = undefined;
          throw toFranceConnectError(error);
        })),
  };
}

/** At least 32 characters, as FranceConnect requires of state and nonce: 32 random bytes give 43. */
const randomToken = () => randomBytes(32).toString('base64url');

/** The redirect to FranceConnect; keep state and nonce in the browser's Guichet session for the callback. */
export async function startFranceConnectLogin(
  client: FranceConnectClient,
  { redirectUri }: { redirectUri: string },
): Promise<{ url: string; state: string; nonce: string }> {
  const config = await client.configuration();
  const state = randomToken();
  const nonce = randomToken();
  // No PKCE: FranceConnect v2 does not take part in it, state and nonce carry the protection.
  const url = oidc.buildAuthorizationUrl(config, {
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: client.settings.scopes,
    acr_values: 'eidas1',
    state,
    nonce,
  });
  return { url: url.href, state, nonce };
}

function sameSecret(received: string | null, expected: string): boolean {
  const a = Buffer.from(received ?? '');
  const b = Buffer.from(expected);
  return expected.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** The callback: checks everything, then the person as FranceConnect vouches for them. */
export async function completeFranceConnectLogin(
  client: FranceConnectClient,
  input: { callbackUrl: URL; expectedState: string; expectedNonce: string; redirectUri: string },
): Promise<FranceConnectIdentity> {
  const params = input.callbackUrl.searchParams;
  if (!sameSecret(params.get('state'), input.expectedState)) {
    throw new FranceConnectError('state_mismatch', 'the callback state is not the one kept for this browser');
  }
  const error = params.get('error');
  if (error !== null) {
    const safe = /^[\w.-]{1,64}$/.test(error) ? error : 'unreadable';
    throw new FranceConnectError(error === 'access_denied' ? 'access_denied' : 'provider_error', `the callback carries error=${safe}`);
  }
  try {
    const config = await client.configuration();
    // The token request's redirect_uri is the registered one, not whatever host the callback reached us on.
    const response = new URL(input.redirectUri);
    response.search = input.callbackUrl.search;
    const tokens = await oidc.authorizationCodeGrant(config, response, {
      expectedState: input.expectedState,
      expectedNonce: input.expectedNonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new FranceConnectError('invalid_response', 'no ID token in the token response');
    if (typeof claims.acr !== 'string' || !ACCEPTED_ACR.has(claims.acr)) {
      throw new FranceConnectError('invalid_response', 'the ID token acr is not eidas1 or higher');
    }
    // openid-client checks that userinfo's sub is the ID token's; its JWT signature is checked as set above.
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    const text = (name: string) => (typeof userinfo[name] === 'string' && userinfo[name] !== '' ? (userinfo[name] as string) : null);
    const givenName = text('given_name');
    const familyName = text('family_name');
    if (userinfo.sub !== claims.sub || !givenName || !familyName) {
      throw new FranceConnectError('invalid_response', 'userinfo lacks given_name or family_name, or names another subject');
    }
    return { sub: claims.sub, givenName, familyName, birthdate: text('birthdate'), email: text('email'), idToken: tokens.id_token };
  } catch (caught) {
    throw toFranceConnectError(caught);
  }
}

/** Where to send the browser to end the FranceConnect session; it comes back to postLogoutRedirectUri?state=… */
export async function franceConnectLogoutUrl(
  client: FranceConnectClient,
  input: { idToken: string; postLogoutRedirectUri: string; state: string },
): Promise<string> {
  try {
    const config = await client.configuration();
    return oidc.buildEndSessionUrl(config, {
      id_token_hint: input.idToken,
      post_logout_redirect_uri: input.postLogoutRedirectUri,
      state: input.state,
    }).href;
  } catch (caught) {
    throw toFranceConnectError(caught);
  }
}

/** FranceConnect sends every first name; Guichet's accounts know the first one. */
export function firstGivenName(givenName: string): string {
  return givenName.trim().split(/\s+/)[0] ?? '';
}

/** The error and its causes, outermost first (openid-client wraps oauth4webapi's errors, which wrap details). */
function causes(error: unknown): Array<Record<string, unknown>> {
  const chain: Array<Record<string, unknown>> = [];
  for (let current = error; current && typeof current === 'object' && chain.length < 8; current = (current as { cause?: unknown }).cause) {
    chain.push(current as Record<string, unknown>);
  }
  return chain;
}

function toFranceConnectError(error: unknown): FranceConnectError {
  if (error instanceof FranceConnectError) return error;
  const chain = causes(error);
  const detail = chain
    .filter((e): e is Record<string, unknown> & Error => e instanceof Error)
    .map((e) => e.message)
    .join(': ')
    .slice(0, 300);
  const codes = new Set(chain.map((e) => e.code));
  const claim = chain.map((e) => e.claim).find((value) => typeof value === 'string');
  if (error instanceof oidc.AuthorizationResponseError) {
    return new FranceConnectError(error.error === 'access_denied' ? 'access_denied' : 'provider_error', detail);
  }
  if (error instanceof oidc.ResponseBodyError) {
    return new FranceConnectError(error.status >= 502 ? 'provider_down' : 'provider_error', `${error.error} (HTTP ${error.status})`);
  }
  if (codes.has('OAUTH_TIMEOUT') || chain.some((e) => e.name === 'TimeoutError' || (e instanceof TypeError && e.message === 'fetch failed'))) {
    return new FranceConnectError('provider_down', detail);
  }
  if (codes.has('OAUTH_KEY_SELECTION_FAILED') || chain.some((e) => e.message === 'JWT signature verification failed')) {
    return new FranceConnectError('bad_signature', detail);
  }
  if (claim === 'nonce') return new FranceConnectError('nonce_mismatch', detail);
  if (claim === 'aud' || claim === 'azp') return new FranceConnectError('wrong_audience', detail);
  if (codes.has('OAUTH_RESPONSE_IS_NOT_CONFORM')) {
    const status = chain.find((e) => e instanceof Response)?.status;
    return new FranceConnectError(typeof status === 'number' && status >= 502 ? 'provider_down' : 'provider_error', detail);
  }
  if (codes.has('OAUTH_RESPONSE_IS_NOT_JSON')) return new FranceConnectError('provider_error', detail);
  return new FranceConnectError('invalid_response', detail);
}
