// The independent Open311 client of the tests: the PyPI package georeport
// 0.3.1 in a virtual environment under .local/ (git-ignored), installed on
// first use (also on a fresh clone in CI), then reused.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
export const GEOREPORT_VERSION = '0.3.1';
const VENV = path.join(repoRoot, '.local/open311-client');
const PYTHON = path.join(VENV, 'bin/python');

/** Installs georeport into .local/open311-client unless that exact version is there; returns its python. */
export function ensureGeoReportClient(): string {
  const check = spawnSync(PYTHON, ['-c', `import importlib.metadata as m, georeport; assert m.version("georeport") == "${GEOREPORT_VERSION}"`], { stdio: 'ignore' });
  if (check.status !== 0) {
    execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'pipe' });
    execFileSync(path.join(VENV, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', `georeport==${GEOREPORT_VERSION}`], { stdio: 'pipe', timeout: 300_000 });
  }
  return PYTHON;
}

/** Runs georeport_client.py against `base` and returns what it printed, parsed. */
export function runGeoReportClient(base: string, serviceCode: string, requestId: string): Record<'json' | 'xml', Record<string, unknown>> {
  const output = execFileSync(ensureGeoReportClient(), [path.join(__dirname, 'georeport_client.py'), base, serviceCode, requestId], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(output) as Record<'json' | 'xml', Record<string, unknown>>;
}
