/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// A FranceConnect-shaped OpenID provider for development and tests, built with oidc-provider on plain node:http:
// FranceConnect v2's paths (/api/v2/authorize, token, userinfo, session/end, jwks), code flow only,
// acr_values=eidas1 required, signed id_token and signed JWT userinfo, RP-initiated logout that redirects back at
// once. Made-up identities (identities.ts), in-memory keys and storage: nothing is persisted.
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, type JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { algOf, generateSigningJwks, newSigningKey, resign, type Alg } from './signing.ts';
import { claimsOf, findDevIdentity, FRANCECONNECT_DEV_CLAIMS, FRANCECONNECT_DEV_IDENTITIES } from './identities.ts';
import { memoryStore } from './memory-store.ts';
import { ErrorPage, HomePage, html, LoggedOutPage, LoginPage, ProviderErrorPage, STYLE, STYLE_PATH } from './pages.tsx';

export { FRANCECONNECT_DEV_IDENTITIES, type FranceConnectDevIdentity } from './identities.ts';

/** FranceConnect v2's base path: the issuer is <url>/api/v2 and every endpoint sits under it. */
export const FRANCECONNECT_DEV_API = '/api/v2';
const ACR_VALUES = ['eidas1', 'eidas2', 'eidas3'];

export interface FranceConnectDevClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** id_token and userinfo signing algorithm, chosen per client as in FranceConnect's partner space (default ES256). */
  signingAlg?: Alg;
  /** Default client_secret_post, as FranceConnect documents it; client_secret_basic is accepted too. */
  tokenEndpointAuthMethod?: 'client_secret_post' | 'client_secret_basic';
}

/** Switches that make the provider misbehave, so a relying party's refusals can be tested. Mutable at run time. */
export interface FranceConnectDevFailures {
  /** 'error': the token endpoint answers 500 {"error":"server_error"}; 'down': it drops the connection. */
  token?: 'error' | 'down';
  /** 'bad-signature': signed with another key under the same kid; 'wrong-audience': aud names another client. */
  idToken?: 'bad-signature' | 'wrong-audience';
  /** 'bad-signature': the userinfo JWT is signed with another key under the same kid. */
  userinfo?: 'bad-signature';
}

export interface FranceConnectDevOptions {
  /** Default 3002; 0 picks a free port. */
  port?: number;
  host?: string;
  clients: FranceConnectDevClient[];
  /** 'silent' | 'error' | 'warn' (default) | 'info' (one line per request). */
  logLevel?: string;
  /** Private signing keys (JWK with kid); default: an ES256 and an RS256 key generated at start. */
  jwks?: { keys: JWK[] };
  failures?: FranceConnectDevFailures;
}

export interface FranceConnectDev {
  /** e.g. http://localhost:3002 */
  url: string;
  /** e.g. http://localhost:3002/api/v2: FRANCECONNECT_ISSUER for Guichet. */
  issuer: string;
  /** The live failure switches: set or delete a field between two requests. */
  failures: FranceConnectDevFailures;
  provider: Provider;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/** The strongest eIDAS level asked for, as FranceConnect echoes it in `acr`; undefined when none is asked. */
function requestedAcr(acrValues: unknown): string | undefined {
  const asked = String(acrValues ?? '').split(' ');
  return ACR_VALUES.filter((acr) => asked.includes(acr)).at(-1);
}

function renderPage(ctx: KoaContextWithOIDC, page: string): void {
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('content-security-policy', "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
  ctx.body = page;
}

export async function startFranceConnectDev(options: FranceConnectDevOptions): Promise<FranceConnectDev> {
  const level = options.logLevel ?? 'warn';
  const log = (message: string) => void (level === 'silent' ? undefined : process.stderr.write(`[franceconnect-dev] ${message}\n`));
  const failures: FranceConnectDevFailures = { ...options.failures };

  const privateJwks = options.jwks?.keys ?? (await generateSigningJwks());
  const signingKeys = new Map(privateJwks.map((jwk) => [algOf(jwk), createPrivateKey({ key: jwk as never, format: 'jwk' })]));
  const rogueKeys = new Map<Alg, Promise<KeyObject>>();
  const rogueKey = (alg: Alg) => rogueKeys.get(alg) ?? rogueKeys.set(alg, newSigningKey(alg)).get(alg)!;

  const store = memoryStore();
  let provider: Provider | undefined;
  let callback: ReturnType<Provider['callback']> | undefined;

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    const expired = () =>
      send(res, 400, 'text/html; charset=utf-8', html(<ErrorPage title="Demande expirée" message="Cette demande de connexion a expiré : revenez sur le service et recommencez." />));
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider!.interactionDetails(req, res);
    } catch {
      return expired();
    }
    if (details.uid !== uid) return expired();
    const clientId = String(details.params.client_id);
    /** Login (when an identity was chosen) and consent, handed back to oidc-provider, which redirects onwards. */
    const finish = async (chosen: string | undefined) => {
      const accountId = chosen ?? String(details.session?.accountId);
      // No consent screen: FranceConnect's own consent page is not what the relying party tests.
      const existing = details.grantId ? await provider!.Grant.find(details.grantId) : undefined;
      const grant = existing && existing.accountId === accountId ? existing : new provider!.Grant({ accountId, clientId });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      const acr = requestedAcr(details.params.acr_values) ?? 'eidas1';
      const login = chosen ? { login: { accountId, acr, remember: false } } : {};
      await provider!.interactionFinished(req, res, { ...login, consent: { grantId } }, { mergeWithLastSubmission: false });
    };
    const loginPage = (status: number, service: string, error?: string) =>
      send(
        res,
        status,
        'text/html; charset=utf-8',
        html(
          <LoginPage
            action={`${FRANCECONNECT_DEV_API}/interaction/${uid}/login`}
            cancelAction={`${FRANCECONNECT_DEV_API}/interaction/${uid}/abort`}
            service={service}
            identities={FRANCECONNECT_DEV_IDENTITIES}
            error={error}
          />,
        ),
      );
    if (req.method === 'GET' && action === undefined) {
      if (details.prompt.name === 'consent' && details.session?.accountId) return finish(undefined);
      const client = await provider!.Client.find(clientId);
      return loginPage(200, client?.clientName ?? clientId);
    }
    if (req.method !== 'POST' || action === undefined) return send(res, 405, 'text/plain; charset=utf-8', 'Méthode non autorisée');
    const form = await readForm(req);
    if (action === 'abort') {
      return provider!.interactionFinished(req, res, { error: 'access_denied', error_description: "L'utilisateur a annulé la connexion." }, { mergeWithLastSubmission: false });
    }
    const identity = findDevIdentity(form.get('identity') ?? '');
    return identity ? finish(identity.sub) : loginPage(400, clientId, 'Choisissez une identité dans la liste.');
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (level === 'info' || level === 'debug' || level === 'trace') log(`${req.method} ${path}`);
    const interactionMatch = /^\/api\/v2\/interaction\/([\w-]{1,100})(?:\/(login|abort))?$/.exec(path);
    const work = async () => {
      if (path === STYLE_PATH) return send(res, 200, 'text/css; charset=utf-8', STYLE);
      if (path === '/') return send(res, 200, 'text/html; charset=utf-8', html(<HomePage discovery={`${provider!.issuer}/.well-known/openid-configuration`} />));
      if (interactionMatch) return interaction(req, res, interactionMatch[1]!, interactionMatch[2]);
      if (path.startsWith(`${FRANCECONNECT_DEV_API}/`)) {
        // Mounted like Express would: the provider reads its mount path from originalUrl (oidc_context.js).
        Object.assign(req, { originalUrl: req.url });
        req.url = req.url!.slice(FRANCECONNECT_DEV_API.length);
        return callback!(req, res);
      }
      return send(res, 404, 'text/html; charset=utf-8', html(<ErrorPage title="Page introuvable" message="Cette adresse n'existe pas." />));
    };
    work().catch((error: unknown) => {
      log(`erreur : ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Erreur interne');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3002, options.host ?? 'localhost', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${port}`;
  const issuer = `${url}${FRANCECONNECT_DEV_API}`;

  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const };
  const configuration: Configuration = {
    adapter: store.adapter,
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: client.tokenEndpointAuthMethod ?? 'client_secret_post',
      id_token_signed_response_alg: client.signingAlg ?? 'ES256',
      userinfo_signed_response_alg: client.signingAlg ?? 'ES256',
    })),
    findAccount: (_ctx, sub) => {
      const identity = findDevIdentity(sub);
      return identity && { accountId: sub, claims: () => claimsOf(identity) as { sub: string } };
    },
    claims: Object.fromEntries(Object.entries(FRANCECONNECT_DEV_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    acrValues: ACR_VALUES,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
    pkce: { required: () => false },
    routes: { authorization: '/authorize', token: '/token', userinfo: '/userinfo', end_session: '/session/end', jwks: '/jwks' },
    jwks: { keys: privateJwks as NonNullable<Configuration['jwks']>['keys'] },
    enabledJWA: { idTokenSigningAlgValues: ['ES256', 'RS256'], userinfoSigningAlgValues: ['ES256', 'RS256'] },
    // Own cookie names: cookies are per host, not per port, and Guichet's own provider on localhost:3000 uses the defaults.
    cookies: {
      names: { session: '_fc_session', interaction: '_fc_interaction', resume: '_fc_interaction_resume' },
      keys: [randomBytes(32).toString('base64url')],
      long: cookieOptions,
      short: cookieOptions,
    },
    scopes: ['openid'],
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Never shown: the middleware below ends the session at once (see logOutAtOnce); kept as a fallback.
        logoutSource: async (ctx, form) => renderPage(ctx, `<!doctype html><html lang="fr"><body>${form}<button form="op.logoutForm" name="logout" value="yes">Se déconnecter</button></body></html>`),
        postLogoutSuccessSource: async (ctx) => renderPage(ctx, html(<LoggedOutPage />)),
      },
    },
    interactions: { url: (_ctx, interaction) => `${FRANCECONNECT_DEV_API}/interaction/${interaction.uid}` },
    // FranceConnect's lifetimes: a code lives 30 s and an access token 60 s.
    ttl: { AccessToken: 60, AuthorizationCode: 30, IdToken: 60 * 60, Interaction: 10 * 60, Session: 30 * 60, Grant: 30 * 60 },
    clientBasedCORS: () => false,
    renderError: async (ctx, out) =>
      renderPage(ctx, html(<ProviderErrorPage error={out.error} description={out.error_description} />)),
  };
  provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx: unknown, error: Error) => log(`server_error : ${error.message}`));

  /** RP-initiated logout without a confirmation page, as FranceConnect does: end the session and go back. */
  const logOutAtOnce = async (ctx: KoaContextWithOIDC) => {
    const session = ctx.oidc.session;
    const state = session?.state as { postLogoutRedirectUri?: string; state?: string } | undefined;
    if (!session || !state) return;
    for (const { grantId } of Object.values(session.authorizations ?? {})) if (grantId) store.revokeGrant(grantId);
    await session.destroy();
    ctx.cookies.set(provider!.cookieName('session'), null, cookieOptions);
    const target = state.postLogoutRedirectUri ? new URL(state.postLogoutRedirectUri) : new URL(ctx.oidc.urlFor('end_session_success'));
    if (state.postLogoutRedirectUri && state.state !== undefined) target.searchParams.set('state', state.state);
    ctx.status = 303;
    ctx.redirect(target.href);
  };

  provider.use(async (ctx, next) => {
    const oidcCtx = ctx as KoaContextWithOIDC;
    if (ctx.path === '/authorize' && ctx.method === 'GET' && !requestedAcr(ctx.query.acr_values)) {
      ctx.status = 400;
      return renderPage(oidcCtx, html(<ErrorPage title="Erreur FranceConnect" message="Le paramètre acr_values=eidas1 est obligatoire." code="invalid_request" />));
    }
    if (ctx.path === '/session/end' && ctx.method === 'GET' && !ctx.query.id_token_hint) {
      ctx.status = 400;
      return renderPage(oidcCtx, html(<ErrorPage title="Erreur FranceConnect" message="Le paramètre id_token_hint est obligatoire." code="invalid_request" />));
    }
    if (ctx.path === '/token' && ctx.method === 'POST' && failures.token === 'down') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (ctx.path === '/token' && ctx.method === 'POST' && failures.token === 'error') {
      ctx.status = 500;
      ctx.body = { error: 'server_error', error_description: 'FranceConnect de développement : panne simulée' };
      return;
    }
    await next();
    const body = ctx.body as { id_token?: unknown } | string | undefined;
    if (ctx.path === '/token' && ctx.status === 200 && failures.idToken && typeof body === 'object' && typeof body?.id_token === 'string') {
      const alg = decodeProtectedHeader(body.id_token).alg as Alg;
      ctx.body = {
        ...body,
        id_token:
          failures.idToken === 'bad-signature'
            ? await resign(body.id_token, await rogueKey(alg))
            : await resign(body.id_token, signingKeys.get(alg)!, (claims) => ({ ...claims, aud: 'un-autre-service', azp: undefined })),
      };
    }
    if (ctx.path === '/userinfo' && ctx.status === 200 && failures.userinfo === 'bad-signature' && typeof body === 'string') {
      ctx.body = await resign(body, await rogueKey(decodeProtectedHeader(body).alg as Alg));
    }
    if (ctx.path === '/session/end' && ctx.method === 'GET' && ctx.status === 200) await logOutAtOnce(oidcCtx);
  });
  callback = provider.callback();

  return {
    url,
    issuer,
    failures,
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
