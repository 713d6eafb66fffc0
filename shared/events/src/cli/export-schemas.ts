/**
 * Writes the JSON Schemas and the AsyncAPI document of the event catalogue.
 * Usage: npm run schemas -w @steward/events   (after a build)
 *        node dist/cli/export-schemas.js [outDir]   (default: shared/events/schemas)
 */
import { resolve } from 'node:path';
import { exportJsonSchemas } from '../json-schema';

const outDir = resolve(process.argv[2] ?? resolve(__dirname, '..', '..', 'schemas'));
const written = exportJsonSchemas(outDir);
process.stdout.write(`wrote ${written.length} files to ${outDir}\n`);
