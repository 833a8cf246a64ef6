// Composition root: settings → database → services → jobs → HTTP. No logic here.
import type { FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { resolve } from 'node:path';
import type { Settings } from './config/settings.ts';
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { createSecretBox, embeddedSecret } from './accounts/secret-box.ts';
import { createAccountsService, type AccountsService } from './accounts/service.ts';
import type { AccountsDeps } from './accounts/deps.ts';
import { realmById } from './realms/index.ts';
import { cryptoRandom, systemClock, type Clock } from './shared/clock.ts';
import type { RandomInt } from './domain/provisional-password.ts';
import { startJobs } from './jobs/boss.ts';
import { startStatisticsJobs } from './jobs/statistics.ts';
import { startOutboxWorker } from './jobs/send-outbox.ts';
import { devMailboxTransport, smtpTransport } from './messaging/transports.ts';
import { registerDevMailbox } from './http/dev-mailbox/routes.tsx';
import { buildHttpServer } from './http/server.tsx';
import { registerAdmin } from './admin/http/plugin.tsx';
import { ADMIN_FEATURES } from './admin/features.ts';
import { registerProfileRoutes } from './flows/profile/routes.tsx';
import { registerActivationRoutes } from './flows/http-kit/activation-routes.ts';
import { registerOidc } from './sso/oidc/mount.ts';
import { startOidcPurgeJob } from './sso/oidc/purge-job.ts';
import { startDirectoryJobs } from './jobs/directory.ts';
import { registerRegistrationRoutes } from './flows/sms-registration/routes.tsx';
import { registerRecoveryRoutes } from './flows/recovery/routes.tsx';
import { httpSmsGateway } from './messaging/sms/sms-gateway.ts';
import { routingTransport } from './messaging/sms/routing-transport.ts';
import { createFranceConnectClient } from './sso/franceconnect/client.ts';
import { registerFranceConnectRoutes } from './flows/franceconnect/routes.tsx';

export interface Guichet {
  settings: Settings;
  database: DatabaseHandle;
  deps: AccountsDeps;
  accounts: AccountsService;
  boss: PgBoss;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface GuichetOverrides {
  database?: DatabaseTarget;
  clock?: Clock;
  randomInt?: RandomInt;
}

export function databaseTarget(settings: Settings): DatabaseTarget {
  return settings.databaseUrl
    ? { kind: 'postgres', url: settings.databaseUrl, poolSize: settings.dbPoolSize }
    : { kind: 'pglite', dataDir: settings.dataDir };
}

/** Opens the database and applies the migrations: what `migrate`, `seed-demo` and `serve` all start with. */
export async function openMigratedDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  const database = await openDatabase(target);
  try {
    await runMigrations(database);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** GUICHET_SECRET, or in embedded mode the key generated once in the data folder. */
export function deploymentSecret(settings: Settings): string {
  return settings.secret ?? embeddedSecret(resolve(settings.dataDir));
}

export function accountsDeps(settings: Settings, database: DatabaseHandle, overrides: GuichetOverrides = {}): AccountsDeps {
  const secret = deploymentSecret(settings);
  return {
    db: database.db,
    clock: overrides.clock ?? systemClock,
    randomInt: overrides.randomInt ?? cryptoRandom,
    secretBox: createSecretBox(secret, settings.previousSecrets),
    realm: realmById(settings.realm),
  };
}

export async function createGuichet(settings: Settings, overrides: GuichetOverrides = {}): Promise<Guichet> {
  const target = overrides.database ?? databaseTarget(settings);
  const database = await openMigratedDatabase(target);
  const deps = accountsDeps(settings, database, overrides);
  const accounts = createAccountsService(deps);
  const app = await buildHttpServer({ realm: deps.realm, database, accounts: deps, issuer: settings.issuer, logLevel: settings.logLevel, trustProxy: settings.trustProxy });
  await registerOidc(app, {
    accounts: deps,
    issuer: settings.issuer,
    secret: deploymentSecret(settings),
    previousSecrets: settings.previousSecrets,
    trustProxy: settings.trustProxy,
  });
  const boss = await startJobs(database, {
    connectionString: target.kind === 'postgres' ? target.url : undefined,
    onError: (error) => app.log.error({ err: error }, 'job queue error'),
  });
  const transport = routingTransport({
    email: settings.smtpUrl ? smtpTransport({ url: settings.smtpUrl, from: settings.smtpFrom }) : devMailboxTransport(),
    sms: settings.smsGatewayUrl ? httpSmsGateway({ url: settings.smsGatewayUrl, token: settings.smsGatewayToken }) : 'dev-mailbox',
  });
  await startOutboxWorker(boss, { db: database.db, transport, clock: deps.clock, log: (msg, extra) => app.log.info(extra ?? {}, msg) });
  // SMS rows need the mailbox too when no gateway is set.
  if (!settings.smtpUrl || !settings.smsGatewayUrl) await registerDevMailbox(app, { db: database.db, realm: deps.realm });
  await startStatisticsJobs(boss, { db: database.db, clock: deps.clock });
  await startOidcPurgeJob(boss, { db: database.db });
  await startDirectoryJobs(boss, {
    db: database.db,
    clock: deps.clock,
    realm: deps.realm,
    importDir: settings.importDir,
    importTime: settings.importTime,
    retentionMonths: settings.retentionMonths ?? deps.realm.retentionMonths,
    log: (line) => app.log.info(line),
  });
  await registerAdmin(app, { ...deps, accounts, boss, issuer: settings.issuer }, ADMIN_FEATURES);
  const selfService = { accounts: deps, boss, issuer: settings.issuer };
  await registerActivationRoutes(app, selfService);
  await registerProfileRoutes(app, selfService);
  await registerRegistrationRoutes(app, selfService);
  await registerRecoveryRoutes(app, selfService);
  if (settings.franceConnect && deps.realm.selfService.franceConnect) {
    await registerFranceConnectRoutes(app, { ...selfService, client: createFranceConnectClient(settings.franceConnect) });
  }
  return {
    settings,
    database,
    deps,
    accounts,
    boss,
    app,
    async close() {
      await app.close();
      await boss.stop({ graceful: true, timeout: 5_000 });
      transport.close?.();
      await database.close();
    },
  };
}
