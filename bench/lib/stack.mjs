// The system under test: local infra, a fresh build, and the five subgraphs
// plus the gateway on their own ports (offset 800) and databases (bench_*),
// so a benchmark never disturbs `npm start` or the tests.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { startStack, SUBGRAPHS } = require('../../tools/stack.cjs');

export const BENCH_PORT_OFFSET = 800;
export const BENCH_DB_PREFIX = 'bench';
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

const run = (command, args) =>
  execFileSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } });

/** Infra up and the workspace built, once per `npm run bench` invocation. */
export function prepareWorkspace() {
  run(process.execPath, ['infra/scripts/infra.mjs', 'up']);
  run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
}

/**
 * Drops the bench databases, then starts the stack. The consumer groups are
 * named after the databases and keep their offsets, so a new run does not
 * replay earlier runs' events: it starts empty and reads only new events.
 */
export async function startBenchStack() {
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    // By name: FerretDB's listDatabases can stall while other clients create and drop databases.
    for (const { name } of SUBGRAPHS) await mongo.db(`${BENCH_DB_PREFIX}_${name}`).dropDatabase();
  } finally {
    await mongo.close();
  }
  return startStack({
    portOffset: BENCH_PORT_OFFSET,
    databasePrefix: BENCH_DB_PREFIX,
    logDir: path.join(repoRoot, '.local/logs/bench'),
    env: { LOG_LEVEL: 'warn' },
  });
}
