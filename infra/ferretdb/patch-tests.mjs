#!/usr/bin/env node
// Runs FerretDB's own Go tests of the packages our patches change, with the patches applied:
// the FerretDB module (the version infra/ferretdb/go.mod requires) is copied from the Go module
// cache into a scratch directory, every patches/*.patch is applied in name order, as
// infra/scripts/infra.mjs does before building, and `go test` runs there.
//
//   node infra/ferretdb/patch-tests.mjs [go test arguments, default: the patched packages]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PACKAGES = ['./internal/handler/sjson/'];

const version = /github\.com\/FerretDB\/FerretDB (v\S+)/.exec(fs.readFileSync(path.join(here, 'go.mod'), 'utf8'))?.[1];
if (!version) throw new Error('infra/ferretdb/go.mod names no FerretDB version');
const module = `github.com/FerretDB/FerretDB@${version}`;
const { Dir: cached } = JSON.parse(execFileSync('go', ['mod', 'download', '-json', module], { cwd: here, encoding: 'utf8' }));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-patch-tests-'));
try {
  fs.cpSync(cached, scratch, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', scratch]);
  // FerretDB's test helpers find the module root by its .git directory
  execFileSync('git', ['init', '-q', scratch]);
  const patches = fs.readdirSync(path.join(here, 'patches')).filter((name) => name.endsWith('.patch')).sort();
  for (const patch of patches) {
    execFileSync('git', ['apply', path.join(here, 'patches', patch)], { cwd: scratch, stdio: 'inherit' });
  }
  process.stdout.write(`${module} with ${patches.length} patch(es) in ${scratch}\n`);
  const args = process.argv.slice(2);
  execFileSync('go', ['test', ...(args.length > 0 ? args : PACKAGES)], { cwd: scratch, stdio: 'inherit' });
} catch (error) {
  process.exitCode = error.status ?? 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
