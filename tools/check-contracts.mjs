#!/usr/bin/env node
// The checked-in contracts match the code (run after a build; writes nothing):
// - services/<name>/schema.graphql is the SDL the subgraph's code emits,
// - gateway/supergraph.graphql is the composition of those files,
// - shared/events/schemas/ is what the event catalogue renders,
// - infra/k8s/base/kafka/{topics,users}.yaml are what the catalogue renders.
// One line on success; otherwise what is stale and the command that
// regenerates it, and exit code 1.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SUBGRAPHS } from '../gateway/subgraphs.mjs';
import { composeSupergraph } from './compose-supergraph.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

async function staleSubgraphSchemas(tmp) {
  const stale = await Promise.all(
    SUBGRAPHS.map(async ({ name }) => {
      const emitted = path.join(tmp, `${name}.graphql`);
      await run(process.execPath, ['--no-warnings', `services/${name}/dist/main.js`, `--emit-schema=${emitted}`], {
        cwd: repoRoot,
        env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      });
      return read(emitted) === read(path.join(repoRoot, 'services', name, 'schema.graphql')) ? null : `services/${name}/schema.graphql`;
    }),
  );
  return stale.filter((file) => file !== null);
}

const problems = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-contracts-'));
try {
  const staleSchemas = await staleSubgraphSchemas(tmp);
  if (staleSchemas.length > 0) problems.push(`${staleSchemas.join(', ')} differ from the code: run \`npm run compose\``);
} catch (error) {
  problems.push(`emitting a subgraph schema failed: ${error.stderr || error.message}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  if (composeSupergraph() !== read(path.join(repoRoot, 'gateway/supergraph.graphql'))) {
    problems.push('gateway/supergraph.graphql is not the composition of the subgraph schemas: run `npm run compose`');
  }
} catch (error) {
  problems.push(`the subgraph schemas do not compose: ${error.message}`);
}

try {
  await run(process.execPath, ['shared/events/dist/cli/export-schemas.js', '--check'], { cwd: repoRoot });
} catch (error) {
  problems.push((error.stderr || error.message).trim());
}

try {
  await run(process.execPath, ['infra/k8s/kafka-resources.mjs', '--check'], { cwd: repoRoot });
} catch (error) {
  problems.push((error.stderr || error.message).trim());
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`subgraph schemas (${SUBGRAPHS.length}), supergraph, event schema artifacts and Kafka topics and users are current`);
