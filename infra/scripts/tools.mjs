// Installs command-line tools the test suite needs but npm cannot provide.
import { execFileSync } from 'node:child_process';

function has(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian's docker-compose validates docker-compose.yml without a Docker engine. */
export function ensureDockerCompose() {
  if (has('docker-compose')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  process.stdout.write('[tools] installing docker-compose (Debian package) to validate docker-compose.yml …\n');
  try {
    const apt = (args) => execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(isRoot ? [] : ['apt-get']), ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', 'docker-compose']);
  } catch {
    throw new Error('docker-compose is missing and could not be installed; run: apt-get install -y docker-compose');
  }
}
