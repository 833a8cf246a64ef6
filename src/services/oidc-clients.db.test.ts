// The service catalogue's OIDC clients: added (secret shown once, kept sealed), listed, removed with their tokens;
// the demo client idempotent; the portal's list; `guichet clients …` as an operator types it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { createSecretBox } from '../accounts/secret-box.ts';
import { openMigratedDatabase } from '../main.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { oidcPayloads, services } from '../db/schema.ts';
import { clientMetadata } from '../sso/oidc/client-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database.ts';
import { registerClientsCommand } from './cli-clients.ts';
import { DEMO_CLIENT_SECRET, ensureDemoClient } from './demo-client.ts';
import { addOidcClient, listPortalServices, listServices, removeService, ServiceCatalogueError } from './oidc-clients.ts';

let testDatabase: TestDatabase;
let database: DatabaseHandle;
const secretBox = createSecretBox('catalogue-test-secret-0123456789abcdefgh');

before(async () => {
  testDatabase = await createTestDatabase();
  database = await openMigratedDatabase(testDatabase.target);
});
after(async () => {
  await database?.close();
  await testDatabase?.drop();
});

test('a confidential client: its secret is returned once and stored only sealed; the provider reads it back', async () => {
  const { clientId, clientSecret } = await addOidcClient(database.db, secretBox, {
    id: 'pronote-0311478n',
    name: 'Pronote',
    url: 'https://pronote.example.org/',
    redirectUris: ['https://pronote.example.org/oidc/callback'],
    postLogoutRedirectUris: ['https://pronote.example.org/'],
    profiles: ['resp1d', 'resp2d'],
  });
  assert.equal(clientId, 'pronote-0311478n');
  assert.ok(clientSecret && clientSecret.length >= 40);
  const [row] = await database.db.select().from(services).where(eq(services.id, clientId));
  assert.equal(JSON.stringify(row).includes(clientSecret), false, 'never in clear in the table');
  const metadata = clientMetadata(row!, secretBox)!;
  assert.equal(metadata.client_secret, clientSecret);
  assert.equal(metadata.token_endpoint_auth_method, 'client_secret_basic');
  assert.deepEqual(metadata.grant_types, ['authorization_code', 'refresh_token']);
  await assert.rejects(
    addOidcClient(database.db, secretBox, { id: 'pronote-0311478n', name: 'Autre', url: 'https://x.example/', redirectUris: ['https://x.example/cb'] }),
    ServiceCatalogueError,
  );
});

test('a public client has no secret and authenticates with none (PKCE alone)', async () => {
  const result = await addOidcClient(database.db, secretBox, {
    id: 'appli-mobile',
    name: 'Application mobile',
    url: 'https://appli.example.org/',
    redirectUris: ['https://appli.example.org/retour'],
    public: true,
  });
  assert.deepEqual(result, { clientId: 'appli-mobile' });
  const [row] = await database.db.select().from(services).where(eq(services.id, 'appli-mobile'));
  assert.equal(clientMetadata(row!, secretBox)!.token_endpoint_auth_method, 'none');
});

test('bad input is refused with one French sentence', async () => {
  for (const input of [
    { id: 'A B', name: 'x', url: 'https://x.example/', redirectUris: ['https://x.example/cb'] },
    { id: 'ok-id', name: 'x', url: 'https://x.example/', redirectUris: [] },
    { id: 'ok-id', name: 'x', url: 'https://x.example/', redirectUris: ['javascript:alert(1)'] },
    { id: 'ok-id', name: 'x', url: 'https://x.example/', redirectUris: ['https://x.example/cb#frag'] },
  ]) {
    await assert.rejects(addOidcClient(database.db, secretBox, input), (e: Error) => e instanceof ServiceCatalogueError && /^Service refusé : /.test(e.message));
  }
});

test('the demo client is created once, with its fixed demo secret', async () => {
  const first = await ensureDemoClient(database.db, secretBox, 'http://localhost:3000/');
  const second = await ensureDemoClient(database.db, secretBox, 'http://localhost:3000');
  assert.deepEqual(first, second);
  assert.deepEqual(first, {
    issuer: 'http://localhost:3000',
    clientId: 'ent-demo',
    clientSecret: DEMO_CLIENT_SECRET,
    port: 3001,
    baseUrl: 'http://localhost:3001',
  });
  const demo = (await listServices(database.db)).find((s) => s.id === 'ent-demo')!;
  assert.deepEqual(demo.redirectUris, ['http://localhost:3001/callback']);
});

test('the portal lists the services by name; removing one deletes its tokens too', async () => {
  assert.deepEqual(
    (await listPortalServices(database.db)).map((s) => s.name),
    ['Application mobile', 'ENT de démonstration', 'Pronote'],
  );
  await database.db.insert(oidcPayloads).values({ id: 'tok', type: 'AccessToken', payload: { clientId: 'appli-mobile' } });
  assert.equal(await removeService(database.db, 'appli-mobile'), true);
  assert.equal(await removeService(database.db, 'appli-mobile'), false);
  assert.equal((await database.db.select().from(oidcPayloads).where(eq(oidcPayloads.id, 'tok'))).length, 0);
});

test('guichet clients add | list | remove', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const run = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerClientsCommand(program, async () => ({ db: database.db, secretBox, close: async () => {} }), {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    await program.parseAsync(['node', 'guichet', 'clients', ...args]);
  };
  await run('add', '--id', 'ent-college', '--name', 'ENT du collège', '--url', 'https://ent.example.org/', '--redirect-uri', 'https://ent.example.org/cb', '--redirect-uri', 'https://ent.example.org/cb2', '--post-logout-redirect-uri', 'https://ent.example.org/');
  assert.match(out.join(''), /client_secret : [\w-]{40,}/);
  await run('list');
  assert.match(out.join(''), /ent-college\toidc\tENT du collège\thttps:\/\/ent\.example\.org\/\n  retour : https:\/\/ent\.example\.org\/cb\n  retour : https:\/\/ent\.example\.org\/cb2/);
  await run('remove', 'ent-college');
  assert.match(out.join(''), /Service « ent-college » supprimé\./);
  const exitCode = process.exitCode;
  await run('remove', 'ent-college');
  assert.match(err.join(''), /Aucun service d'identifiant « ent-college »/);
  assert.equal(process.exitCode, 1);
  process.exitCode = exitCode;
});
