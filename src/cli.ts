// guichet serve | migrate | seed-demo — every failure ends with one clear sentence and a non-zero exit.
import { Command } from 'commander';
import { loadSettings, SettingsError, type Settings } from './config/settings.ts';
import { DatabaseUnavailableError } from './db/client.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { accountsDeps, createGuichet, databaseTarget, openMigratedDatabase } from './main.ts';
import { demoCredentials, isDemoSeeded, seedDemo } from './demo/seed-demo.ts';
import { startupBanner } from './cli-banner.ts';
import { registerClientsCommand } from './services/cli-clients.ts';
import { registerImportCommand } from './directory/cli-import.ts';
import { resetStaffPassword, UnknownStaffError } from './admin/auth/staff-password.ts';
import { ensureDemoClient } from './services/demo-client.ts';
import { startDemoFranceConnect } from './demo/franceconnect-dev.ts';
import { startDemoService, type DemoService } from '../examples/demo-service/server.tsx';

const EXPECTED_ERRORS = [SettingsError, DatabaseUnavailableError, DataDirLockedError, UnknownStaffError];

function requireNode24(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    fail(
      `Guichet demande Node.js 24 ou plus récent, or c'est Node.js ${process.versions.node} qui tourne : lancez-le par « npm start » (qui utilise le Node 24 installé par npm ci), jamais avec --ignore-scripts.`,
    );
  }
}

function fail(sentence: string, detail?: unknown): never {
  process.stderr.write(`guichet : ${sentence}\n`);
  if (detail instanceof Error && detail.stack && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${detail.stack}\n`);
  process.exit(1);
}

async function run<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (EXPECTED_ERRORS.some((kind) => error instanceof kind)) fail((error as Error).message);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`guichet : erreur inattendue : ${message}\n`);
    if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  }
}

function settings(): Settings {
  return loadSettings(process.env);
}

const program = new Command()
  .name('guichet')
  .description("Guichet : service d'authentification unique des écoles et établissements")
  .showHelpAfterError();

program
  .command('serve')
  .description('Applique les migrations puis sert Guichet sur PORT (3000 par défaut).')
  .option('--seed-demo-if-empty', "crée l'académie de démonstration si la base est vide")
  .action((options: { seedDemoIfEmpty?: boolean }) =>
    run(async () => {
      const demoFranceConnect = options.seedDemoIfEmpty
        ? await startDemoFranceConnect(settings(), (line) => process.stderr.write(`guichet : ${line}\n`))
        : null;
      const config = demoFranceConnect?.settings ?? settings();
      const guichet = await createGuichet(config);
      let seeded = await isDemoSeeded(guichet.database.db);
      if (!seeded && options.seedDemoIfEmpty) {
        process.stdout.write("Création de l'académie de démonstration…\n");
        await seedDemo(guichet.deps);
        seeded = true;
      }
      let demo: DemoService | undefined;
      const stop = async (signal: string) => {
        guichet.app.log.info(`${signal} reçu : arrêt`);
        await demo?.close();
        await demoFranceConnect?.close();
        await guichet.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      try {
        await guichet.app.listen({ port: config.port, host: config.host });
      } catch (error) {
        await guichet.close();
        await demoFranceConnect?.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') fail(`Le port ${config.port} est déjà utilisé : arrêtez l'autre serveur ou choisissez un autre PORT.`);
        throw error;
      }
      process.stdout.write(startupBanner(config, guichet.database.description, seeded ? demoCredentials(guichet.deps.realm) : []));
      if (seeded) {
        // The demo ENT beside Guichet, so that a newcomer sees single sign-on work (examples/demo-service).
        try {
          const client = await ensureDemoClient(guichet.database.db, guichet.deps.secretBox, config.issuer);
          demo = await startDemoService({ ...client, host: config.host, logLevel: config.logLevel });
          process.stdout.write(`ENT de démonstration (se connecte par Guichet) : ${demo.url}\n`);
          if (demoFranceConnect) process.stdout.write(`FranceConnect de développement (identités fictives des familles de démonstration) : ${demoFranceConnect.url}\n`);
          process.stdout.write('\n');
        } catch (error) {
          process.stderr.write(`guichet : l'ENT de démonstration n'a pas pu démarrer (${(error as Error).message}) ; Guichet continue sans lui.\n`);
        }
      }
    }),
  );

program
  .command('migrate')
  .description('Applique les migrations de la base de données (sans effet si elles le sont déjà).')
  .action(() =>
    run(async () => {
      const database = await openMigratedDatabase(databaseTarget(settings()));
      process.stdout.write(`Migrations appliquées sur ${database.description}.\n`);
      await database.close();
    }),
  );

program
  .command('seed-demo')
  .description("Crée l'académie de démonstration (base vide seulement).")
  .action(() =>
    run(async () => {
      const config = settings();
      const database = await openMigratedDatabase(databaseTarget(config));
      try {
        const summary = await seedDemo(accountsDeps(config, database));
        process.stdout.write(
          `Académie de démonstration créée : ${summary.establishments} établissements, ${summary.students} élèves, ${summary.guardians} responsables.\n`,
        );
      } finally {
        await database.close();
      }
    }),
  );

registerClientsCommand(program, () =>
  run(async () => {
    const config = settings();
    const database = await openMigratedDatabase(databaseTarget(config));
    const { db, secretBox } = accountsDeps(config, database);
    return { db, secretBox, close: () => database.close() };
  }),
);

program
  .command('staff')
  .description('Personnels de la console.')
  .command('password')
  .description("Donne un nouveau mot de passe à un personnel (par exemple un chef d'établissement importé de l'annuaire) et l'affiche une seule fois.")
  .argument('<identifiant>', 'identifiant de connexion, ex. catherine.moreau')
  .action((login: string) =>
    run(async () => {
      const database = await openMigratedDatabase(databaseTarget(settings()));
      try {
        const password = await resetStaffPassword(database.db, login, new Date());
        process.stdout.write(`Nouveau mot de passe de ${login} (affiché une seule fois, à transmettre à la personne) : ${password}\n`);
      } finally {
        await database.close();
      }
    }),
  );

registerImportCommand(program, () =>
  run(async () => {
    const config = settings();
    const database = await openMigratedDatabase(databaseTarget(config));
    const { db, clock, realm } = accountsDeps(config, database);
    return { deps: { db, clock, realm, log: (line) => process.stderr.write(`${line}\n`) }, close: () => database.close() };
  }),
);

requireNode24();
await program.parseAsync(process.argv);
