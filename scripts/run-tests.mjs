// npm test: type-check, every test on PGlite, then the database tests again on PostgreSQL when
// TEST_DATABASE_URL is set (CI sets it). Run through npm so that node_modules/.bin (Node 24) comes first.
import { spawnSync } from 'node:child_process';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`npm test demande Node.js 24 (node_modules/.bin/node, installé par npm ci) ; c'est Node.js ${process.versions.node} qui tourne.`);
  process.exit(1);
}

function step(title, command, args, env) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✖ ${title} : échec (code ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const { DATABASE_URL: _ignored, ...embeddedEnv } = process.env;
const testArgs = (patterns) => ['--import', 'tsx', '--test', '--test-reporter=spec', ...patterns];

step('Type-check (tsc --noEmit)', 'tsc', ['--noEmit'], process.env);
step('Tests on PGlite', 'node', testArgs(['src/**/*.test.ts', 'test/**/*.test.ts']), embeddedEnv);
if (process.env.TEST_DATABASE_URL) {
  step('Database tests on PostgreSQL', 'node', testArgs(['src/**/*.db.test.ts', 'test/**/*.db.test.ts']), {
    ...embeddedEnv,
    DATABASE_URL: process.env.TEST_DATABASE_URL,
  });
} else {
  console.log('\n(TEST_DATABASE_URL not set: the database tests ran on PGlite only.)');
}
