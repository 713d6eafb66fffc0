// Installs command-line tools the test suite needs but npm cannot provide.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function has(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs a Debian package with apt-get (as root, else through sudo -n). */
export function aptInstall(pkg, why) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  process.stdout.write(`[tools] installing ${pkg} (Debian package) ${why} …\n`);
  try {
    const apt = (args) => execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(isRoot ? [] : ['apt-get']), ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', pkg]);
  } catch {
    throw new Error(`${pkg} is missing and could not be installed; run: apt-get install -y ${pkg}`);
  }
}

/** Debian's docker-compose validates docker-compose.yml without a Docker engine. */
export function ensureDockerCompose() {
  if (has('docker-compose')) return;
  aptInstall('docker-compose', 'to validate docker-compose.yml');
}

/** Debian's Chromium, which playwright-core drives in the web console's browser tests. */
export const CHROMIUM = '/usr/bin/chromium';

/** A Chinese font, so that the console's screenshots show text instead of empty boxes. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export function ensureChromium() {
  if (!existsSync(CHROMIUM)) aptInstall('chromium', 'for the web console browser tests');
  if (!existsSync(CJK_FONT)) aptInstall('fonts-wqy-microhei', 'for readable screenshots of the web console');
}
