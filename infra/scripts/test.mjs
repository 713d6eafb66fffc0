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
  console.log('[test] building every project …');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static', '--skip-nx-cache'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (build.status !== 0) {
    process.stdout.write(`${build.stdout}\n${build.stderr}`.split('\n').slice(-60).join('\n'));
    console.error('[test] the build failed');
    process.exit(build.status ?? 1);
  }
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
const jest = spawnSync('npx', ['jest', '--maxWorkers=2', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
process.exit(jest.status ?? 1);
