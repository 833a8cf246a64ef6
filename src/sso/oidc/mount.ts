// oidc-provider (a Koa app) inside Fastify. Fastify routes only /.well-known/openid-configuration and /oidc/*
// to it, so the provider never answers another path (DESIGN.md pitfalls), and /oidc/interaction/:uid — a more
// specific route — stays ours. In that scope no body parser runs: the provider reads its own form posts.
//
// Why Fastify routes and not @fastify/middie: middleware runs before Fastify's routing, so our interaction
// route under /oidc would be shadowed, and middie strips the mount prefix from req.url; a hijacked route hands
// the untouched request to the provider with nothing more to install.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { rememberFamilySession } from './family-session.ts';
import { registerInteractionRoute } from './interaction.tsx';
import { createOidcProvider, type OidcDeps } from './provider.ts';
import { OIDC_PREFIX } from './routes.ts';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** Mounts the OpenID Connect provider on the app (before listen); returns it for tests and events. */
export async function registerOidc(app: FastifyInstance, deps: OidcDeps): Promise<Provider> {
  const provider = await createOidcProvider({ ...deps, log: deps.log ?? ((error, message) => app.log.error({ err: error }, message)) });
  const callback = provider.callback();
  const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
    rememberFamilySession(request);
    reply.hijack();
    await callback(request.raw, reply.raw);
  };
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null)); // the stream stays unread
    scope.route({ method: ['GET', 'POST', 'OPTIONS'], url: `${OIDC_PREFIX}/*`, handler: handOver });
    scope.route({ method: ['GET', 'OPTIONS'], url: DISCOVERY_PATH, handler: handOver });
  });
  registerInteractionRoute(app, provider, deps.accounts);
  return provider;
}
