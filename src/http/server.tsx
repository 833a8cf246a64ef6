// Fastify set-up: security headers, cookies, forms, static assets, health, errors. Handlers parse, call, render.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from '../db/client.ts';
import type { Realm } from '../realms/realm.ts';
import { sendPage } from './render.tsx';
import { ErrorPage } from './views/error-page.tsx';
import { LoginPage } from './views/login-page.tsx';

export interface HttpDeps {
  realm: Realm;
  database: DatabaseHandle;
  logLevel: string;
  trustProxy: boolean;
}

export async function buildHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.logLevel,
      // Security baseline: no password, code or token in logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: deps.trustProxy,
    bodyLimit: 1_048_576,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./assets', import.meta.url)),
    prefix: '/assets/',
    maxAge: '1h',
  });

  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'error', database: 'unreachable' });
    }
  });

  app.get('/', async (_request, reply) => sendPage(reply, <LoginPage realm={deps.realm} />));
  app.post('/login', async (_request, reply) =>
    sendPage(
      reply,
      <LoginPage realm={deps.realm} notice="La connexion des familles n'est pas encore ouverte sur ce serveur. Réessayez plus tard." />,
      503,
    ),
  );

  app.setNotFoundHandler((_request, reply) =>
    sendPage(
      reply,
      <ErrorPage realm={deps.realm} title="Page introuvable" message="L'adresse demandée n'existe pas ou n'existe plus." />,
      404,
    ),
  );
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unexpected error');
    const message =
      status === 500
        ? 'Une erreur inattendue est survenue. Réessayez dans quelques instants ; si elle persiste, contactez l\'assistance.'
        : 'La demande est incorrecte. Revenez à la page précédente et réessayez.';
    return sendPage(reply, <ErrorPage realm={deps.realm} title="Une erreur est survenue" message={message} />, status);
  });
  return app;
}
