import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Jest globalSetup of the integration project: makes sure the real Kafka and
 * FerretDB are up (a no-op when they already answer).
 */
export default function globalSetup(): void {
  const repoRoot = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, [path.join(repoRoot, 'infra/scripts/infra.mjs'), 'up'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
