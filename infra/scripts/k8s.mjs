#!/usr/bin/env node
// Renders and validates the Kubernetes manifests of infra/k8s offline, with
// the Go program in infra/k8s/validate (kustomize build in-process, strict
// decoding into the k8s.io/api types, custom resources against the vendored
// CRDs). The program is built into .local/k8s-validate/ the first time and
// again when its sources change (Go fetches its modules through GOPROXY).
//
//   node infra/scripts/k8s.mjs check                   every kustomization under infra/k8s (npm test runs this)
//   node infra/scripts/k8s.mjs render OUT.json DIR...  validates DIRs and writes their rendered objects as JSON
//   node infra/scripts/k8s.mjs build                   only builds the validator
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const k8sDir = path.join(repoRoot, 'infra/k8s');
const sourceDir = path.join(k8sDir, 'validate');
const crdDir = path.join(k8sDir, 'crds');
const binDir = path.join(repoRoot, '.local/k8s-validate');
const binary = path.join(binDir, 'validate');
const stampFile = path.join(binDir, '.stamp');

function sourceStamp() {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(sourceDir).filter((name) => /\.go$|^go\.(mod|sum)$/.test(name)).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(sourceDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds the validator unless the binary matches its sources; returns its path. */
export function ensureValidator() {
  const stamp = sourceStamp();
  if (fs.existsSync(binary) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === stamp) return binary;
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error("'go' was not found on PATH; install Go >= 1.26 to validate the Kubernetes manifests (e.g. apt-get install -y golang-go).");
  }
  process.stdout.write('[k8s] building the manifest validator (infra/k8s/validate) …\n');
  fs.mkdirSync(binDir, { recursive: true });
  const fresh = `${binary}.new`;
  execFileSync('go', ['build', '-trimpath', '-buildvcs=false', '-mod=readonly', '-o', fresh, '.'], {
    cwd: sourceDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '' },
  });
  fs.renameSync(fresh, binary);
  fs.writeFileSync(stampFile, stamp);
  return binary;
}

/** Every directory under infra/k8s holding a kustomization.yaml (the base and each overlay). */
export function kustomizations() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'validate' || entry.name === 'crds') continue;
      const child = path.join(dir, entry.name);
      if (fs.existsSync(path.join(child, 'kustomization.yaml'))) found.push(path.relative(repoRoot, child));
      walk(child);
    }
  };
  walk(k8sDir);
  return found.sort();
}

/** Runs the validator; its exit code and output are passed through. */
function validate(extraArgs, dirs) {
  const result = spawnSync(ensureValidator(), ['-crds', path.relative(repoRoot, crdDir), ...extraArgs, ...dirs], { cwd: repoRoot, stdio: 'inherit' });
  return result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'build') {
      ensureValidator();
    } else if (command === 'check') {
      process.exit(validate([], kustomizations()));
    } else if (command === 'render' && args.length >= 2) {
      const [out, ...dirs] = args;
      process.exit(validate(['-o', out], dirs));
    } else {
      process.stderr.write('usage: k8s.mjs check | render OUT.json DIR... | build\n');
      process.exit(2);
    }
  } catch (error) {
    process.stderr.write(`[k8s] ${error.message}\n`);
    process.exit(1);
  }
}
