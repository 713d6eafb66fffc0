#!/usr/bin/env node
// `npm test`: starts the local infrastructure if needed, builds every project
// (integration tests start the built services), then runs the whole jest suite.
// Extra arguments go to jest, e.g. `npm test -- shared/events`.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDockerCompose } from './tools.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (command, args) =>
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });

try {
  run(process.execPath, ['infra/scripts/infra.mjs', 'up']);
  ensureDockerCompose();
  run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=stream-without-prefixes', '--skip-nx-cache']);
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
const jest = spawnSync('npx', ['jest', '--maxWorkers=2', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
process.exit(jest.status ?? 1);
