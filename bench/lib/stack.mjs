// The system under test: local infra, a fresh build, and the five subgraphs
// plus the gateway on their own ports (offset 800) and databases (bench_*),
// so a benchmark never disturbs `npm start` or the tests.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { endpoint } from './graphql.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { startStack, SUBGRAPHS } = require('../../tools/stack.cjs');

/** ports +800 unless BENCH_PORT_OFFSET says otherwise (two benchmarks side by side on one machine) */
export const BENCH_PORT_OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 800);
export const BENCH_DB_PREFIX = process.env.BENCH_DB_PREFIX ?? 'bench';

/**
 * Environment of every bench process. The gateway's rate limits are lifted
 * far above any load a benchmark makes (all load comes from one IP and one
 * user, which the production limits would stop within a second); the alias,
 * token and cost limits are raised for the propagation benchmark's observer,
 * which asks for up to 200 tickets per request (the load itself stays far
 * below the defaults); and the administrator's token lives the longest the
 * members service allows, so a full run never signs in again. Printed with
 * every result.
 */
export const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  GATEWAY_RATE_LIMIT_IP: '1000000000',
  GATEWAY_RATE_LIMIT_USER: '1000000000',
  GATEWAY_RATE_WINDOW_MS: '60000',
  GATEWAY_MAX_ALIASES: '250',
  GATEWAY_MAX_TOKENS: '20000',
  GATEWAY_MAX_COST: '100000',
  STEWARD_TOKEN_TTL_SECONDS: '86400',
};
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

const run = (command, args) =>
  execFileSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } });

function listening(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

/** Infra up (unless Kafka and Mongo already answer) and the workspace built, once per `npm run bench` invocation. */
export async function prepareWorkspace() {
  const up = (await listening('127.0.0.1', 9092)) && (await listening('127.0.0.1', 27017));
  if (!up) run(process.execPath, ['infra/scripts/infra.mjs', 'up']);
  run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
}

/**
 * Drops the bench databases, then starts the stack and signs in as the
 * bootstrap administrator: `stack.api` calls the gateway with the admin's
 * bearer token, `stack.authorization` is that header for load tools. The consumer groups are
 * named after the databases and keep their offsets, so a new run does not
 * replay earlier runs' events: it starts empty and reads only new events.
 * Options: `databasePrefix` (default bench), `keep` (subgraphs whose
 * database is kept, e.g. a loaded city's org and members), `timeoutMs` (start-up),
 * `portOffset` (default 800; a benchmark with its own stack may take its own).
 * With `npm run bench -- <name> --profile` every process of the stack writes a
 * V8 CPU profile when it stops (`BENCH_PROFILE_DIR`, set by run.mjs).
 */
export async function startBenchStack({ databasePrefix = BENCH_DB_PREFIX, keep = [], timeoutMs, portOffset = BENCH_PORT_OFFSET } = {}) {
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    // By name: FerretDB's listDatabases can stall while other clients create and drop databases.
    for (const { name } of SUBGRAPHS) if (!keep.includes(name)) await mongo.db(`${databasePrefix}_${name}`).dropDatabase();
  } finally {
    await mongo.close();
  }
  const stack = await startStack({
    portOffset,
    databasePrefix,
    logDir: path.join(repoRoot, '.local/logs', databasePrefix),
    env: BENCH_ENV,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(process.env.BENCH_PROFILE_DIR ? { profileDir: process.env.BENCH_PROFILE_DIR } : {}),
  });
  try {
    const authorization = await stack.login();
    return { ...stack, authorization, api: endpoint(stack.url, authorization) };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
