// The signing key: created once even when processes start together, stored sealed, read back the same.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openMigratedDatabase } from '../../main.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { signingKeys } from '../../db/schema.ts';
import { createSecretBox } from '../../accounts/secret-box.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { loadSigningKeys } from './signing-keys.ts';

let testDatabase: TestDatabase;
let database: DatabaseHandle;
const secretBox = createSecretBox('signing-key-test-secret-0123456789abcdef');

before(async () => {
  testDatabase = await createTestDatabase();
  database = await openMigratedDatabase(testDatabase.target);
});
after(async () => {
  await database?.close();
  await testDatabase?.drop();
});

test('three starts at once make one key, which every later start reads back', async () => {
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadSigningKeys(database.db, secretBox)));
  assert.equal((await database.db.select().from(signingKeys)).length, 1);
  assert.deepEqual(a, b);
  assert.deepEqual(b, c);
  assert.equal(a![0]!.alg, 'RS256');
  assert.ok(a![0]!.d, 'the private part is there once unsealed');
  assert.deepEqual(await loadSigningKeys(database.db, secretBox), a);
  const [row] = await database.db.select().from(signingKeys);
  assert.match(row!.sealedJwk, /^v1\./);
  assert.throws(() => createSecretBox('another-secret-0123456789abcdefghijkl').open(row!.sealedJwk, row!.kid));
});
