// docker-compose.yml is validated with Debian's docker-compose (no engine needed),
// with .env.example as its env file so that a developer's own .env plays no part.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { APPS, loadAppConfiguration, variablesReadBy } from './app-environment';

const repoRoot = path.resolve(__dirname, '../..');
const compose = (env: NodeJS.ProcessEnv): string =>
  execFileSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env.example', 'config'], { cwd: repoRoot, encoding: 'utf8', env, stdio: 'pipe' });

describe('docker-compose.yml', () => {
  it('is valid for docker-compose when the secrets are set', () => {
    const output = execFileSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env.example', 'config', '-q'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, STEWARD_SIGNING_SECRET: 'test-secret-value-123', STEWARD_JWT_SECRET: 'test-jwt-secret-456' },
    });
    expect(output.trim()).toBe('');
  });

  it('refuses to start without the signing secret', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, STEWARD_JWT_SECRET: 'test-jwt-secret-456' };
    delete env.STEWARD_SIGNING_SECRET;
    expect(() => compose(env)).toThrow(/STEWARD_SIGNING_SECRET/);
  });

  it('names in .env.example every variable it reads, and nothing else', () => {
    const read = new Set([...fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map(([, name]) => name));
    const example = fs
      .readFileSync(path.join(repoRoot, '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(new Set(example).size).toBe(example.length);
    expect([...example].sort()).toEqual([...read].sort());
  });

  describe('with the defaults of .env.example and the secrets set', () => {
    let services: Record<string, { environment: Record<string, string> }>;
    beforeAll(() => {
      const env = { ...process.env, STEWARD_SIGNING_SECRET: 'a-master-signing-secret-0123456789-abcdef', STEWARD_JWT_SECRET: 'a-token-signing-secret-0123456789-abcdef' };
      services = (parse(compose(env)) as { services: typeof services }).services;
    });

    it.each(APPS)('passes every variable %s reads through to it', (app) => {
      const missing = variablesReadBy(app).filter((variable) => !(variable in services[app].environment));
      expect(missing).toEqual([]);
    });

    it.each(APPS)('starts %s in production with that environment', (app) => {
      const environment = services[app].environment;
      expect(environment.NODE_ENV).toBe('production');
      expect(() => loadAppConfiguration[app](environment)).not.toThrow();
    });
  });
});
