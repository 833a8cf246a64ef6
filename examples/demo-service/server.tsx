/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The demo ENT: a service that logs people in through Guichet with openid-client (authorization code + PKCE,
// state and nonce), shows the claims it received, and logs out through Guichet's end_session endpoint.
// Its sessions live in memory: it is a demonstration, not a model of how to store sessions.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { ErrorPage, HomePage, html, SignedInPage, STYLE } from './pages.tsx';

export interface DemoServiceOptions {
  /** Guichet's issuer, e.g. http://localhost:3000. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Default 3001 (DEMO_SERVICE_PORT); 0 picks a free port. */
  port?: number;
  host?: string;
  /** The address browsers use for this service; default http://localhost:<port>. */
  baseUrl?: string;
  logLevel?: string;
}

export interface DemoService {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

const COOKIE = 'ent_demo_session';
const SCOPE = 'openid profile email profile-school';

type Session =
  | { kind: 'pending'; state: string; nonce: string; verifier: string }
  | { kind: 'signed-in'; claims: Record<string, unknown>; idToken: string };

export async function startDemoService(options: DemoServiceOptions): Promise<DemoService> {
  const app = Fastify({ logger: { level: options.logLevel ?? 'warn', redact: ['req.headers.cookie'] } });
  await app.register(cookie);
  await app.register(formbody);
  const sessions = new Map<string, Session>();
  let baseUrl = options.baseUrl ?? '';
  const issuerOrigin = new URL(options.issuer).origin;

  // Discovery happens at the first login, so the demo may start before Guichet listens (npm start).
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= oidc
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, oidc.ClientSecretBasic(options.clientSecret), {
        execute: options.issuer.startsWith('http://') ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      }));

  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', `default-src 'self'; form-action 'self' ${issuerOrigin}; frame-ancestors 'none'; base-uri 'none'`);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  const page = (reply: FastifyReply, body: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(body);
  const sessionOf = (request: FastifyRequest) => {
    const id = request.cookies[COOKIE];
    return id ? { id, session: sessions.get(id) } : undefined;
  };
  const newSession = (reply: FastifyReply, session: Session) => {
    const id = randomBytes(32).toString('base64url');
    sessions.set(id, session);
    reply.setCookie(COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure: baseUrl.startsWith('https://') });
  };

  app.get('/style.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(STYLE));

  app.get('/', async (request, reply) => {
    const current = sessionOf(request)?.session;
    return page(reply, html(current?.kind === 'signed-in' ? <SignedInPage claims={current.claims} /> : <HomePage />));
  });

  app.get('/login', async (_request, reply) => {
    const config = await configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    newSession(reply, { kind: 'pending', state, nonce, verifier });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${baseUrl}/callback`,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/callback', async (request, reply) => {
    const current = sessionOf(request);
    if (!current || current.session?.kind !== 'pending') {
      return page(reply, html(<ErrorPage message="Votre demande de connexion a expiré. Recommencez depuis l'accueil." />), 400);
    }
    sessions.delete(current.id);
    try {
      const config = await configuration();
      const { state, nonce, verifier } = current.session;
      const tokens = await oidc.authorizationCodeGrant(config, new URL(request.url, baseUrl), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const sub = tokens.claims()!.sub;
      const claims = await oidc.fetchUserInfo(config, tokens.access_token, sub);
      newSession(reply, { kind: 'signed-in', claims: { ...claims }, idToken: tokens.id_token! });
      return reply.redirect('/', 303);
    } catch (error) {
      request.log.warn({ err: error }, 'login through Guichet failed');
      const code = error instanceof oidc.AuthorizationResponseError ? ` (${error.error})` : '';
      return page(reply, html(<ErrorPage message={`La connexion par Guichet a échoué${code}. Recommencez depuis l'accueil.`} />), 400);
    }
  });

  app.post('/logout', async (request, reply) => {
    const current = sessionOf(request);
    if (current) sessions.delete(current.id);
    reply.clearCookie(COOKIE, { path: '/' });
    if (current?.session?.kind !== 'signed-in') return reply.redirect('/', 303);
    const url = oidc.buildEndSessionUrl(await configuration(), { id_token_hint: current.session.idToken, post_logout_redirect_uri: `${baseUrl}/` });
    return reply.redirect(url.href, 303);
  });

  await app.listen({ port: options.port ?? 3001, host: options.host ?? 'localhost' });
  const { port } = app.server.address() as AddressInfo;
  baseUrl ||= `http://${options.host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${port}`;
  return { url: baseUrl, app, close: () => app.close() };
}
