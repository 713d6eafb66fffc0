// docker-compose.yml is validated with Debian's docker-compose (no engine needed).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

describe('docker-compose.yml', () => {
  it('is valid for docker-compose when the secrets are set', () => {
    const output = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, STEWARD_SIGNING_SECRET: 'test-secret-value-123', STEWARD_JWT_SECRET: 'test-jwt-secret-456' },
    });
    expect(output.trim()).toBe('');
  });

  it('refuses to start without the signing secret', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, STEWARD_JWT_SECRET: 'test-jwt-secret-456' };
    delete env.STEWARD_SIGNING_SECRET;
    expect(() =>
      execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: repoRoot, env, stdio: 'pipe' }),
    ).toThrow(/STEWARD_SIGNING_SECRET/);
  });
});
