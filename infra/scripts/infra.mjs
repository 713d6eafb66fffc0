#!/usr/bin/env node
// Local infrastructure without Docker: Apache Kafka (KRaft, jars from Maven
// Central) and FerretDB (built with Go; SQLite backend by default). Everything
// it writes lives under .local/; it stops only the processes whose pid files it
// wrote.
//
//   node infra/scripts/infra.mjs up|down|status|reset|install|ferretdb-up|ferretdb-down
//
// FERRETDB_BACKEND=postgresql runs FerretDB on a PostgreSQL cluster of its own
// (Debian's postgresql package, installed on demand; data in .local/postgres,
// 127.0.0.1:5433) instead of SQLite; FERRETDB_PORT moves FerretDB off 27017, so
// both backends can run side by side (`npm run bench -- … --compare-backends`).
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall } from './tools.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const localDir = path.join(repoRoot, '.local');
const READY_TIMEOUT_MS = 120_000;

const kafka = {
  name: 'kafka',
  port: 9092,
  home: path.join(localDir, 'kafka'),
  get libs() { return path.join(this.home, 'libs'); },
  get data() { return path.join(this.home, 'data'); },
  get logs() { return path.join(this.home, 'logs'); },
  get pidFile() { return path.join(this.home, 'kafka.pid'); },
  get logFile() { return path.join(this.logs, 'stdout.log'); },
};

const FERRETDB_BACKENDS = ['sqlite', 'postgresql'];
const ferretdbBackend = process.env.FERRETDB_BACKEND ?? 'sqlite';

const ferretdb = {
  name: 'ferretdb',
  port: Number(process.env.FERRETDB_PORT ?? 27017),
  // the SQLite instance keeps the historical home; another backend gets its own pid and log files
  home: path.join(localDir, ferretdbBackend === 'sqlite' ? 'ferretdb' : `ferretdb-${ferretdbBackend}`),
  get binary() { return path.join(localDir, 'ferretdb', 'bin', 'ferretdb'); },
  get data() { return path.join(this.home, 'data'); },
  get pidFile() { return path.join(this.home, 'ferretdb.pid'); },
  get logFile() { return path.join(this.home, 'ferretdb.log'); },
};

const postgres = {
  name: 'postgres',
  port: 5433,
  home: path.join(localDir, 'postgres'),
  get data() { return path.join(this.home, 'data'); },
  // PostgreSQL writes its own pid file (first line: the postmaster's pid)
  get pidFile() { return path.join(this.data, 'postmaster.pid'); },
  get logFile() { return path.join(this.home, 'postgres.log'); },
  get url() { return `postgres://postgres@127.0.0.1:${this.port}/ferretdb`; },
};

class InfraError extends Error {}

function log(message) {
  process.stdout.write(`[infra] ${message}\n`);
}

function requireTool(command, versionArgs, purpose) {
  try {
    execFileSync(command, versionArgs, { stdio: 'ignore' });
  } catch {
    throw new InfraError(
      `'${command}' was not found on PATH; install it to ${purpose} (e.g. apt-get install -y ${debianPackageFor(command)}).`,
    );
  }
}

function debianPackageFor(command) {
  return { java: 'openjdk-17-jre-headless', mvn: 'maven', go: 'golang-go' }[command] ?? command;
}

function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(path.join(repoRoot, file)));
  return hash.digest('hex').slice(0, 16);
}

function isStampCurrent(stampFile, stamp) {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === stamp;
}

function installKafka() {
  const stamp = fingerprint(['infra/kafka/pom.xml']);
  const stampFile = path.join(kafka.libs, '.stamp');
  if (isStampCurrent(stampFile, stamp)) return false;
  requireTool('mvn', ['-v'], 'download the Kafka jars');
  log('fetching Kafka jars with Maven …');
  fs.rmSync(kafka.libs, { recursive: true, force: true });
  fs.mkdirSync(kafka.libs, { recursive: true });
  execFileSync(
    'mvn',
    ['-q', '-B', '-f', path.join(repoRoot, 'infra/kafka/pom.xml'), 'dependency:copy-dependencies',
      `-DoutputDirectory=${kafka.libs}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  fs.writeFileSync(stampFile, stamp);
  return true;
}

// FerretDB is built from a vendored copy of its module with infra/ferretdb/patches/*.patch
// applied (SQLite filter pushdown), in .local/ferretdb/src so the repo stays untouched.
function installFerretdb() {
  const patchDir = 'infra/ferretdb/patches';
  const patches = fs.readdirSync(path.join(repoRoot, patchDir)).filter((f) => f.endsWith('.patch')).sort()
    .map((f) => `${patchDir}/${f}`);
  const sources = ['infra/ferretdb/main.go', 'infra/ferretdb/go.mod', 'infra/ferretdb/go.sum', ...patches];
  const stamp = fingerprint(sources);
  const stampFile = path.join(path.dirname(ferretdb.binary), '.stamp');
  if (fs.existsSync(ferretdb.binary) && isStampCurrent(stampFile, stamp)) return false;
  requireTool('go', ['version'], 'build FerretDB');
  requireTool('git', ['--version'], 'patch FerretDB');
  log(`building FerretDB with Go and ${patches.length} patch(es) (first time takes a few minutes) …`);
  const src = path.join(localDir, 'ferretdb', 'src');
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  for (const file of ['main.go', 'go.mod', 'go.sum']) fs.copyFileSync(path.join(repoRoot, 'infra/ferretdb', file), path.join(src, file));
  const goEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '' };
  execFileSync('go', ['mod', 'vendor'], { cwd: src, stdio: ['ignore', 'ignore', 'inherit'], env: goEnv });
  const moduleDir = path.join(src, 'vendor/github.com/FerretDB/FerretDB');
  for (const patch of patches) {
    try {
      // the ceiling keeps git from treating src/ as part of this repository's work tree
      execFileSync('git', ['apply', '--whitespace=nowarn', path.join(repoRoot, patch)], {
        cwd: moduleDir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, GIT_CEILING_DIRECTORIES: src },
      });
    } catch {
      throw new InfraError(`${patch} does not apply to the FerretDB version in go.mod (see ${patchDir}/README.md).`);
    }
  }
  fs.mkdirSync(path.dirname(ferretdb.binary), { recursive: true });
  // build next to the binary and rename: a running FerretDB keeps its (old) file
  const fresh = `${ferretdb.binary}.new`;
  execFileSync('go', ['build', '-mod=vendor', '-trimpath', '-o', fresh, '.'], {
    cwd: src, stdio: ['ignore', 'inherit', 'inherit'], env: goEnv,
  });
  fs.renameSync(fresh, ferretdb.binary);
  fs.writeFileSync(stampFile, stamp);
  if (runningPid(ferretdb) !== undefined) log('FerretDB binary rebuilt; the running instance uses the old one until restarted');
  return true;
}

function readPid(service) {
  if (!fs.existsSync(service.pidFile)) return undefined;
  const pid = Number(fs.readFileSync(service.pidFile, 'utf8').split('\n')[0].trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid(service) {
  const pid = readPid(service);
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function kafkaReady() {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({
    clientId: 'infra-check', brokers: [`127.0.0.1:${kafka.port}`], logLevel: logLevel.NOTHING,
    retry: { retries: 0 }, connectionTimeout: 1000, requestTimeout: 2000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function ferretdbReady() {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(`mongodb://127.0.0.1:${ferretdb.port}/?directConnection=true`, {
    serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000,
  });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function waitUntil(service, check, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new InfraError(`${service.name} exited with code ${child.exitCode} at start; see ${service.logFile}`);
    }
    if (await check()) return;
    await sleep(250);
  }
  throw new InfraError(`${service.name} did not answer on port ${service.port} within ${READY_TIMEOUT_MS / 1000}s; see ${service.logFile}`);
}

function startDetached(service, command, args, options = {}) {
  fs.mkdirSync(path.dirname(service.logFile), { recursive: true });
  const out = fs.openSync(service.logFile, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], ...options });
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(service.pidFile, String(child.pid));
  return child;
}

function formatKafkaStorage(javaArgs, propertiesFile) {
  if (fs.existsSync(path.join(kafka.data, 'meta.properties'))) return;
  log('formatting Kafka storage (KRaft) …');
  execFileSync('java', [...javaArgs, 'kafka.tools.StorageTool', 'format', '--standalone',
    '-t', randomUUID(), '-c', propertiesFile], { stdio: 'ignore' });
}

async function startKafka() {
  const pid = runningPid(kafka);
  if (pid !== undefined && (await kafkaReady())) return `kafka already running (pid ${pid})`;
  if (pid === undefined && (await portAnswers(kafka.port))) {
    throw new InfraError(`port ${kafka.port} is taken by a process that infra:up did not start; stop it first.`);
  }
  requireTool('java', ['-version'], 'run Kafka');
  fs.mkdirSync(kafka.logs, { recursive: true });
  const propertiesFile = path.join(kafka.home, 'server.properties');
  fs.writeFileSync(propertiesFile,
    `${fs.readFileSync(path.join(repoRoot, 'infra/kafka/server.properties'), 'utf8')}\nlog.dirs=${kafka.data}\n`);
  const javaArgs = [
    '-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${kafka.logs}`,
    `-Dlog4j2.configurationFile=${path.join(repoRoot, 'infra/kafka/log4j2.properties')}`,
    '-cp', `${kafka.libs}/*`,
  ];
  formatKafkaStorage(javaArgs, propertiesFile);
  if (pid === undefined) {
    const child = startDetached(kafka, 'java', [...javaArgs, 'kafka.Kafka', propertiesFile]);
    await waitUntil(kafka, kafkaReady, child);
    return `kafka started on 127.0.0.1:${kafka.port} (pid ${child.pid})`;
  }
  await waitUntil(kafka, kafkaReady);
  return `kafka running on 127.0.0.1:${kafka.port} (pid ${pid})`;
}

/**
 * Go's GC target for FerretDB: a query allocates a document tree per row it reads, so at
 * Go's default (100) the collector took about a fifth of FerretDB's CPU; at 400 the heap of
 * this machine's loads stays well under a gigabyte. FERRETDB_GOGC overrides it.
 */
const FERRETDB_GOGC = '400';

async function startFerretdb() {
  const pid = runningPid(ferretdb);
  if (pid !== undefined && (await ferretdbReady())) return `ferretdb already running (pid ${pid})`;
  if (pid === undefined && (await portAnswers(ferretdb.port))) {
    throw new InfraError(`port ${ferretdb.port} is taken by a process that infra:up did not start; stop it first.`);
  }
  fs.mkdirSync(ferretdb.data, { recursive: true });
  if (pid === undefined) {
    const backendArgs = ferretdbBackend === 'postgresql'
      ? ['--handler', 'postgresql', '--postgresql-url', postgres.url]
      : ['--handler', 'sqlite', '--sqlite-url', `file:${ferretdb.data}/`];
    const child = startDetached(ferretdb, ferretdb.binary, [
      '--listen-addr', `127.0.0.1:${ferretdb.port}`, ...backendArgs,
      ...(process.env.FERRETDB_DEBUG_ADDR ? ['--debug-addr', process.env.FERRETDB_DEBUG_ADDR] : []),
    ], { env: { ...process.env, GOGC: process.env.FERRETDB_GOGC ?? FERRETDB_GOGC } });
    await waitUntil(ferretdb, ferretdbReady, child);
    return `ferretdb started on 127.0.0.1:${ferretdb.port} (pid ${child.pid})`;
  }
  await waitUntil(ferretdb, ferretdbReady);
  return `ferretdb running on 127.0.0.1:${ferretdb.port} (pid ${pid})`;
}

// PostgreSQL for FERRETDB_BACKEND=postgresql: Debian's server binaries, a cluster in
// .local/postgres owned by the `postgres` user when we run as root (the server refuses root).
function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/pg_ctl'))) : [];
  if (versions.length === 0) return undefined;
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

function installPostgres() {
  if (postgresBinDir() !== undefined) return;
  try {
    aptInstall('postgresql', 'for FERRETDB_BACKEND=postgresql');
  } catch (error) {
    throw new InfraError(error.message);
  }
}

/** Runs a PostgreSQL program as the cluster's owner. */
function asPostgresOwner(program, args, options = {}) {
  const binary = path.join(postgresBinDir(), program);
  const [command, prefix] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary]] : [binary, []];
  return execFileSync(command, [...prefix, ...args], { stdio: ['ignore', 'ignore', 'inherit'], ...options });
}

function postgresReady() {
  try {
    asPostgresOwner('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(postgres.port)]);
    return true;
  } catch {
    return false;
  }
}

async function startPostgres() {
  installPostgres();
  fs.mkdirSync(postgres.home, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', postgres.home]);
  if (!fs.existsSync(path.join(postgres.data, 'PG_VERSION'))) {
    log('initialising a PostgreSQL cluster in .local/postgres …');
    asPostgresOwner('initdb', ['-D', postgres.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  }
  if (runningPid(postgres) !== undefined && postgresReady()) return `postgres already running (pid ${readPid(postgres)})`;
  asPostgresOwner('pg_ctl', ['start', '-w', '-D', postgres.data, '-l', postgres.logFile,
    '-o', `-p ${postgres.port} -c listen_addresses=127.0.0.1 -k ${postgres.home}`]);
  try {
    asPostgresOwner('createdb', ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', 'postgres', 'ferretdb'], { stdio: 'ignore' });
  } catch {
    // it exists already
  }
  return `postgres started on 127.0.0.1:${postgres.port} (pid ${readPid(postgres)})`;
}

async function stopPostgres() {
  if (runningPid(postgres) === undefined) return 'postgres not running';
  const pid = readPid(postgres);
  asPostgresOwner('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', postgres.data]);
  return `postgres stopped (pid ${pid})`;
}

async function stop(service) {
  const pid = runningPid(service);
  if (pid === undefined) {
    fs.rmSync(service.pidFile, { force: true });
    return `${service.name} not running`;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  fs.rmSync(service.pidFile, { force: true });
  return `${service.name} stopped (pid ${pid})`;
}

async function status(service, check) {
  const pid = runningPid(service);
  const answering = await check();
  const state = pid !== undefined ? `running (pid ${pid})` : 'stopped';
  return `${service.name.padEnd(9)} ${state}, 127.0.0.1:${service.port} ${answering ? 'answering' : 'not answering'}`;
}

function install() {
  const fetched = installKafka();
  const built = installFerretdb();
  return fetched || built;
}

const usesPostgres = ferretdbBackend === 'postgresql';

const commands = {
  async install() {
    if (!install()) log('Kafka jars and FerretDB binary are up to date');
    if (usesPostgres) installPostgres();
  },
  async up() {
    install();
    if (usesPostgres) log(await startPostgres());
    // FerretDB first: it starts in milliseconds while the JVM warms up.
    log(await startFerretdb());
    log(await startKafka());
  },
  async down() {
    log(await stop(kafka));
    log(await stop(ferretdb));
    if (usesPostgres) log(await stopPostgres());
  },
  async status() {
    log(await status(kafka, kafkaReady));
    log(await status(ferretdb, ferretdbReady));
    if (usesPostgres) log(await status(postgres, async () => postgresReady()));
  },
  /** FerretDB (and its PostgreSQL) alone, e.g. a second backend beside the running infrastructure. */
  async 'ferretdb-up'() {
    install();
    if (usesPostgres) log(await startPostgres());
    log(await startFerretdb());
  },
  async 'ferretdb-down'() {
    log(await stop(ferretdb));
    if (usesPostgres) log(await stopPostgres());
  },
  async reset() {
    await commands.down();
    fs.rmSync(kafka.data, { recursive: true, force: true });
    fs.rmSync(usesPostgres ? postgres.data : ferretdb.data, { recursive: true, force: true });
    log(`removed Kafka and FerretDB (${ferretdbBackend}) data; jars and binary kept (run infra:up to start afresh)`);
  },
};

const command = process.argv[2];
if (!FERRETDB_BACKENDS.includes(ferretdbBackend)) {
  process.stderr.write(`FERRETDB_BACKEND must be one of ${FERRETDB_BACKENDS.join(', ')}\n`);
  process.exit(2);
}
if (!(command in commands)) {
  process.stderr.write(`usage: infra.mjs ${Object.keys(commands).join('|')}\n`);
  process.exit(2);
}
fs.mkdirSync(localDir, { recursive: true });
try {
  await commands[command]();
} catch (error) {
  if (error instanceof InfraError) {
    process.stderr.write(`[infra] ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
