/**
 * Writes the JSON Schemas and the AsyncAPI document of the event catalogue.
 * Usage: npm run schemas -w @steward/events   (after a build)
 *        node dist/cli/export-schemas.js [outDir]   (default: shared/events/schemas)
 *        node dist/cli/export-schemas.js --check [outDir]   exits 1, writing nothing, when they are not current
 */
import { resolve } from 'node:path';
import { exportJsonSchemas, staleSchemaArtifacts } from '../json-schema';

const check = process.argv.includes('--check');
const [dir] = process.argv.slice(2).filter((arg) => arg !== '--check');
const outDir = resolve(dir ?? resolve(__dirname, '..', '..', 'schemas'));
if (check) {
  const stale = staleSchemaArtifacts(outDir);
  if (stale.length > 0) {
    process.stderr.write(`event schema artifacts are not current in ${outDir}: ${stale.join(', ')}\n  run \`npx tsc -b shared/events && npm run schemas -w @steward/events\`\n`);
    process.exit(1);
  }
  process.stdout.write('event schema artifacts are up to date\n');
} else {
  const written = exportJsonSchemas(outDir);
  process.stdout.write(`wrote ${written.length} files to ${outDir}\n`);
}
