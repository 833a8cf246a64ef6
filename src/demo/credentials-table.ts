// The README's demo credentials table, generated from demoCredentials(); `npm run docs:demo` prints it.
import type { Realm } from '../realms/realm.ts';
import { demoCredentials } from './seed-demo.ts';

export function demoCredentialsTable(realm: Realm): string {
  const rows = demoCredentials(realm).map(
    (c) => `| ${c.who} | \`${c.identifier}\` | ${c.password ? `\`${c.password}\`` : '—'} | ${c.state} | ${c.note} |`,
  );
  return ['| who | identifier | password | state | note |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
