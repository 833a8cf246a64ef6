// Prints the README's demo credentials table for a realm (default educonnect).
import { demoCredentialsTable } from '../src/demo/credentials-table.ts';
import { realmById, type RealmId } from '../src/realms/index.ts';

process.stdout.write(`${demoCredentialsTable(realmById((process.argv[2] as RealmId | undefined) ?? 'educonnect'))}\n`);
