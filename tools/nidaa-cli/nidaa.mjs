#!/usr/bin/env node
// `npx nidaa …` runs bin/nidaa-cli.ts with the project's own tsx: this package is linked from the project
// (a file: dev dependency), so npx resolves it in node_modules/.bin and never asks the registry.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx/cli');
const result = spawnSync(
  process.execPath,
  [tsx, path.join(root, 'bin', 'nidaa-cli.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
