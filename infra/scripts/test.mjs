#!/usr/bin/env node
// `npm test`: starts the local infrastructure if needed, builds every project
// (integration tests start the built services), runs the static checks (lint,
// type check of every spec and test, checked-in contracts, the Kubernetes
// manifests rendered and validated offline), then the whole jest suite. Extra arguments go to jest, e.g. `npm test -- shared/events`.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureDockerCompose } from './tools.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, NX_DAEMON: 'false' };
const run = (command, args) => execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });

/** Runs one step quietly: one line when it passes, its output (the last lines) and exit when it fails. */
function step(label, command, args, { tailLines = 200 } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`[test] ${label}: ok (${seconds} s)`);
    return;
  }
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n');
  console.log(output.slice(-tailLines).join('\n'));
  console.error(`[test] ${label} failed (${seconds} s)${result.error ? `: ${result.error.message}` : ''}`);
  process.exit(result.status ?? 1);
}

try {
  run(process.execPath, ['infra/scripts/infra.mjs', 'up']);
  ensureDockerCompose();
  ensureChromium();
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--output-style=static', '--skip-nx-cache'], { tailLines: 60 });
// the same commands as `npm run lint`, `npm run typecheck` and `npm run contracts`
step('lint', 'npm', ['run', '--silent', 'lint']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('contracts (subgraph schemas, supergraph, event schemas, Kafka topics and users)', 'npm', ['run', '--silent', 'contracts']);
// builds infra/k8s/validate into .local/ the first time (about a minute, more with an empty Go module cache)
step('kubernetes manifests (kustomize build, strict k8s.io/api decoding, CRD schemas)', 'npm', ['run', '--silent', 'k8s:check']);

const jest = spawnSync('npx', ['jest', '--maxWorkers=2', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
process.exit(jest.status ?? 1);
