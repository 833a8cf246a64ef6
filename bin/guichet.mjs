#!/usr/bin/env node
// `guichet …` from npx or a global install: load TypeScript through tsx, then run the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
