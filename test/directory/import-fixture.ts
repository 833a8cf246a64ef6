// A migrated database and hand-made directory changes for the import tests: the changes the readers would give.
import type { DirectoryChange, GuardianFields, StructureFields, StudentFields } from '../../src/directory/changes.ts';
import { openMigratedDatabase } from '../../src/main.ts';
import { realmById, type RealmId } from '../../src/realms/index.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { testClock, type TestClock } from '../helpers/test-instance.ts';
import type { ImportDeps } from '../../src/directory/import/run-common.ts';
import type { DatabaseHandle, DatabaseTarget } from '../../src/db/client.ts';

export interface ImportTestbed {
  deps: ImportDeps & { clock: TestClock };
  database: DatabaseHandle;
  target: DatabaseTarget;
  close(): Promise<void>;
}

export async function importTestbed(realm: RealmId = 'educonnect'): Promise<ImportTestbed> {
  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase.target);
  const clock = testClock('2026-09-02T03:00:00.000Z');
  return {
    deps: { db: database.db, clock, realm: realmById(realm) },
    database,
    target: testDatabase.target,
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

let line = 1;
const at = () => ({ file: 'test.xml', line: line++ });

export function structure(key: string, fields: Partial<StructureFields> = {}): DirectoryChange {
  return {
    kind: 'structure',
    key,
    at: at(),
    operation: 'add',
    fields: { uai: '0130001A', name: 'CLG TEST', city: 'MARSEILLE', kind: 'college', degree: '2D', sector: 'public', academyCode: '002', classes: [], ...fields },
  };
}

export function guardian(key: string, fields: Partial<GuardianFields> = {}): DirectoryChange {
  return { kind: 'guardian', key, at: at(), operation: 'add', fields: { lastName: 'Martin', firstName: 'Claire', email: null, mobile: null, address: null, ...fields } };
}

export function student(key: string, fields: Partial<StudentFields> = {}): DirectoryChange {
  return {
    kind: 'student',
    key,
    at: at(),
    operation: 'add',
    fields: {
      ine: null,
      lastName: 'Martin',
      firstName: 'Léo',
      birthDate: '2013-04-02',
      structureKey: 'aaf:1',
      classLabel: '6A',
      level: { code: '6E', label: 'Sixième', degree: '2D' },
      definitivelyAdmitted: true,
      guardians: [],
      ...fields,
    },
  };
}

export function legal(guardianKey: string, isLegal = true) {
  return { guardianKey, relation: '10', legal: isLegal };
}
