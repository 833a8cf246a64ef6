// `guichet clients add | list | remove`: the operator's way to register the OIDC services of the catalogue.
import { Command, Option } from 'commander';
import type { SecretBox } from '../accounts/secret-box.ts';
import type { Database } from '../db/client.ts';
import { addOidcClient, listServices, removeService, ServiceCatalogueError } from './oidc-clients.ts';
import { PROFILES, type Profile } from './oidc-settings.ts';

export interface CatalogueHandle {
  db: Database;
  secretBox: SecretBox;
  close(): Promise<void>;
}

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the `clients` command to the program; `open` gives a migrated database and the deployment's SecretBox. */
export function registerClientsCommand(program: Command, open: () => Promise<CatalogueHandle>, io: Output = stdio): Command {
  const withCatalogue = async (action: (handle: CatalogueHandle) => Promise<void>) => {
    const handle = await open();
    try {
      await action(handle);
    } catch (error) {
      if (!(error instanceof ServiceCatalogueError)) throw error;
      io.err(`guichet : ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await handle.close();
    }
  };

  const clients = program.command('clients').description('Gère les services (clients OpenID Connect) qui se connectent par Guichet.');

  clients
    .command('add')
    .description('Enregistre un client OpenID Connect ; son secret est affiché une seule fois.')
    .requiredOption('--id <id>', 'identifiant du client (client_id), ex. ent-college')
    .requiredOption('--name <nom>', 'nom affiché aux familles')
    .requiredOption('--url <url>', "adresse d'accueil du service (portail)")
    .requiredOption('--redirect-uri <url>', 'adresse de retour après connexion (répétable)', collect)
    .option('--post-logout-redirect-uri <url>', 'adresse de retour après déconnexion (répétable)', collect)
    .option('--description <texte>', 'description affichée sur le portail')
    .addOption(new Option('--profile <profil>', 'profil autorisé (répétable)').choices([...PROFILES]).argParser(collect))
    .option('--public', 'client public sans secret (application mobile ou monopage) : PKCE seul')
    .action((options: {
      id: string;
      name: string;
      url: string;
      redirectUri: string[];
      postLogoutRedirectUri?: string[];
      description?: string;
      profile?: Profile[];
      public?: boolean;
    }) =>
      withCatalogue(async ({ db, secretBox }) => {
        const result = await addOidcClient(db, secretBox, {
          id: options.id,
          name: options.name,
          url: options.url,
          description: options.description,
          redirectUris: options.redirectUri,
          postLogoutRedirectUris: options.postLogoutRedirectUri ?? [],
          profiles: options.profile ?? [],
          public: options.public ?? false,
        });
        io.out(`Client OpenID Connect « ${result.clientId} » enregistré.\nclient_id : ${result.clientId}\n`);
        if (result.clientSecret) {
          io.out(`client_secret : ${result.clientSecret}\n(affiché une seule fois : transmettez-le au service par un canal sûr.)\n`);
        } else {
          io.out('Client public : pas de secret, PKCE (S256) obligatoire.\n');
        }
      }),
    );

  clients
    .command('list')
    .description('Liste les services du catalogue (sans leurs secrets).')
    .action(() =>
      withCatalogue(async ({ db }) => {
        const rows = await listServices(db);
        if (rows.length === 0) {
          io.out('Aucun service enregistré.\n');
          return;
        }
        for (const s of rows) {
          io.out(`${s.id}\t${s.protocol}${s.public ? ' (public)' : ''}\t${s.name}\t${s.url}\n`);
          for (const uri of s.redirectUris) io.out(`  retour : ${uri}\n`);
          for (const uri of s.postLogoutRedirectUris) io.out(`  après déconnexion : ${uri}\n`);
          if (s.profiles.length > 0) io.out(`  profils : ${s.profiles.join(', ')}\n`);
        }
      }),
    );

  clients
    .command('remove')
    .description('Supprime un service, et les jetons qui lui ont été délivrés.')
    .argument('<id>', 'identifiant du service')
    .action((id: string) =>
      withCatalogue(async ({ db }) => {
        if (await removeService(db, id)) {
          io.out(`Service « ${id} » supprimé.\n`);
        } else {
          throw new ServiceCatalogueError(`Aucun service d'identifiant « ${id} ».`);
        }
      }),
    );

  return clients;
}
