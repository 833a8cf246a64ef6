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
import { registerFamilyRoutes } from '../families/http/routes.tsx';
import { HelpPage } from './views/help-page.tsx';
import { z } from 'zod';
import type { AccountsDeps } from '../accounts/deps.ts';
import { confirmActivationLink } from '../flows/activation-link/confirm.ts';
import { ActivationResultPage } from '../flows/activation-link/page.tsx';
import { confirmRecoveryEmail } from '../flows/student-activation/confirm-recovery-email.ts';
import { RecoveryEmailResultPage } from '../flows/student-activation/recovery-email-page.tsx';

export interface HttpDeps {
  realm: Realm;
  database: DatabaseHandle;
  accounts: AccountsDeps;
  issuer: string;
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

  app.get('/aide', async (_request, reply) => sendPage(reply, <HelpPage realm={deps.realm} />));

  app.get('/activation/:token', async (request, reply) => {
    const { token } = z.object({ token: z.string().min(1).max(200) }).parse(request.params);
    const result = await confirmActivationLink(deps.accounts, token, request.ip);
    if (result.outcome === 'unknown') {
      // The same kind of link verifies a student's recovery address (seed 003).
      const recovery = await confirmRecoveryEmail(deps.accounts, token, request.ip);
      if (recovery.outcome !== 'unknown') {
        return sendPage(reply, <RecoveryEmailResultPage realm={deps.realm} result={recovery} />, recovery.outcome === 'expired' ? 410 : 200);
      }
    }
    const status = result.outcome === 'activated' || result.outcome === 'already_active' ? 200 : 410;
    return sendPage(reply, <ActivationResultPage realm={deps.realm} result={result} />, result.outcome === 'unknown' ? 404 : status);
  });
  await registerFamilyRoutes(app, { accounts: deps.accounts, issuer: deps.issuer });

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
