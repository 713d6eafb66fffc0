// Starts the six subgraphs and the gateway as child processes of this one and
// waits until each answers its health check. Used by `npm start` and by the
// end-to-end tests (with other ports and databases so both can run at once).
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');

const SUBGRAPHS = [
  { name: 'org', port: 4001 },
  { name: 'members', port: 4002 },
  { name: 'tickets', port: 4003 },
  { name: 'visits', port: 4004 },
  { name: 'assessment', port: 4005 },
  { name: 'notifications', port: 4006 },
];
const GATEWAY_PORT = 4000;
/** Instance k ≥ 2 of a subgraph listens this much higher per instance than instance 1 (see `startStack`). */
const INSTANCE_PORT_STEP = 2000;

/** `tickets` for instance 1, `tickets-2`, `tickets-3` … after it. */
function instanceName(subgraph, instance) {
  return instance === 1 ? subgraph : `${subgraph}-${instance}`;
}

/**
 * How many instances of each selected subgraph start: `instances` is a number
 * (every subgraph) or a map by subgraph name (the others: one).
 */
function instanceCounts(instances, selected) {
  const check = (count, what) => {
    if (!Number.isInteger(count) || count < 1) throw new Error(`instances${what}: a whole number of at least 1, not ${count}`);
    return count;
  };
  if (instances === undefined) return Object.fromEntries(selected.map(({ name }) => [name, 1]));
  if (typeof instances === 'number') return Object.fromEntries(selected.map(({ name }) => [name, check(instances, '')]));
  for (const name of Object.keys(instances)) {
    if (!SUBGRAPHS.some((subgraph) => subgraph.name === name)) throw new Error(`instances: ${name} is no subgraph (${SUBGRAPHS.map((subgraph) => subgraph.name).join(', ')})`);
  }
  return Object.fromEntries(selected.map(({ name }) => [name, check(instances[name] ?? 1, `.${name}`)]));
}

/** The last lines of a process's log, for an error that has to say why it stopped. */
function logTail(logFile, lines = 12) {
  if (!logFile) return '';
  try {
    const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return `; the end of ${logFile}:\n${tail}`;
  } catch {
    return '';
  }
}

async function waitForHealth(url, child, name, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} during start-up${logTail(logFile)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000}s${logTail(logFile)}`);
}

/**
 * The processes of a stack are recorded per port offset, so a stack whose
 * owner died without stopping it (a test runner killed after a timeout) is
 * stopped by the next stack on the same ports instead of blocking them.
 */
function stackFileOf(offset) {
  return path.join(repoRoot, '.local/stacks', `offset-${offset}.json`);
}

function stopStaleStack(offset) {
  const file = stackFileOf(offset);
  if (!fs.existsSync(file)) return;
  for (const pid of JSON.parse(fs.readFileSync(file, 'utf8')).pids ?? []) {
    let commandLine = '';
    try {
      commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone already
    }
    // only our own apps: the pid may have been reused by something else
    if (commandLine.includes(repoRoot) && commandLine.includes('dist/main.js')) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  }
  fs.rmSync(file, { force: true });
}

function recordStack(offset, children) {
  const file = stackFileOf(offset);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ pids: children.map(({ child }) => child.pid) }));
}

/**
 * Secrets and the bootstrap administrator of one stack: random unless the
 * environment (or `options.env`) sets them, so every stack has its own. The
 * apps run as development unless NODE_ENV says otherwise (they default to
 * production, which needs every secret set: these are).
 */
async function stackSecrets(env) {
  const { hashPassword } = require('@steward/auth');
  const adminPassword = env.STEWARD_ADMIN_PASSWORD ?? `admin-${randomBytes(9).toString('base64url')}1`;
  return {
    env: {
      NODE_ENV: env.NODE_ENV ?? 'development',
      STEWARD_SIGNING_SECRET: env.STEWARD_SIGNING_SECRET ?? randomBytes(32).toString('base64url'),
      STEWARD_JWT_SECRET: env.STEWARD_JWT_SECRET ?? randomBytes(32).toString('base64url'),
      STEWARD_ADMIN_PHONE: env.STEWARD_ADMIN_PHONE ?? '19900000000',
      STEWARD_ADMIN_PASSWORD_HASH: env.STEWARD_ADMIN_PASSWORD_HASH ?? (await hashPassword(adminPassword)),
    },
    adminPassword,
  };
}

/**
 * Options:
 * - portOffset: added to every port (tests use their own offsets so they can run beside `npm start`)
 * - databasePrefix: each subgraph uses database `<prefix>_<name>`
 * - only: start just these subgraphs (default all five); the gateway starts only when all five run
 * - instances: processes per subgraph, a number (every subgraph) or a map by name (others: 1). Instance 1
 *   is named after the subgraph (`tickets`) and listens on its port + offset (4003 + offset); instance
 *   k ≥ 2 is `tickets-<k>` on port + offset + 2000 × (k − 1) (6003 + offset, 8003 + offset, …). The
 *   instances of a subgraph share its database and consumer groups; the gateway gets all their URLs as
 *   the comma-separated `<NAME>_SUBGRAPH_URL`. `addInstance` starts one more later.
 * - env: extra environment for every process
 * - profileDir: each process writes a V8 CPU profile into <profileDir>/<name>/ when it exits
 * @param {{ portOffset?: number, databasePrefix?: string, logDir?: string, env?: Record<string,string>, timeoutMs?: number, only?: string[], instances?: number | Record<string, number>, profileDir?: string }} options
 */
async function startStack(options = {}) {
  const offset = options.portOffset ?? 0;
  const logDir = options.logDir ?? path.join(repoRoot, '.local/logs');
  const timeoutMs = options.timeoutMs ?? 180_000;
  fs.mkdirSync(logDir, { recursive: true });
  stopStaleStack(offset);
  const children = [];
  const secrets = await stackSecrets({ ...process.env, ...options.env });
  const { userContextSigner } = require('@steward/auth');
  const sign = userContextSigner(secrets.env.STEWARD_SIGNING_SECRET);
  const graphqlUrlAt = (port) => `http://127.0.0.1:${port}/graphql`;
  const basePortOf = (subgraph) => {
    const known = SUBGRAPHS.find(({ name }) => name === subgraph);
    if (!known) throw new Error(`${subgraph} is no subgraph (${SUBGRAPHS.map(({ name }) => name).join(', ')})`);
    return known.port;
  };
  const instancesOf = (subgraph) => children.filter((entry) => entry.subgraph === subgraph).sort((a, b) => a.instance - b.instance);
  /** The URLs of a subgraph's instances in this stack (instance 1's, where it is not started, e.g. with `only`). */
  const subgraphUrlsOf = (subgraph) => {
    const running = instancesOf(subgraph);
    return running.length > 0 ? running.map(({ port }) => graphqlUrlAt(port)) : [graphqlUrlAt(basePortOf(subgraph) + offset)];
  };
  /** The URL of a subgraph (its instance 1) or of one instance by name (`tickets-2`). */
  const subgraphUrlOf = (name) => {
    const entry = children.find((candidate) => candidate.name === name && candidate.subgraph !== undefined);
    if (entry) return graphqlUrlAt(entry.port);
    return graphqlUrlAt(basePortOf(name) + offset);
  };
  /** The subgraph a URL of this stack belongs to, of any of its instances (its /graphql or any other path, e.g. /evidence/…). */
  const audienceOf = (url) => {
    const port = Number(new URL(url).port);
    const entry = children.find((candidate) => candidate.subgraph !== undefined && candidate.port === port);
    const subgraph = entry?.subgraph ?? SUBGRAPHS.find((candidate) => candidate.port + offset === port)?.name;
    if (!subgraph || new URL(url).hostname !== '127.0.0.1') throw new Error(`${url} is no subgraph of this stack: only subgraph calls carry a signed user context`);
    return subgraph;
  };

  const logFileOf = (name) => path.join(logDir, `${name}.log`);
  const spawnProcess = (name, main, env) => {
    const out = fs.openSync(logFileOf(name), 'a');
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.profileDir, name)}`] : [];
    const child = spawn(process.execPath, [...profile, path.join(repoRoot, main)], {
      cwd: repoRoot,
      stdio: ['ignore', out, out],
      env: { ...process.env, LOG_LEVEL: 'info', ...secrets.env, ...options.env, ...env },
    });
    fs.closeSync(out);
    return child;
  };
  const launch = ({ name, subgraph, instance }, main, env) => {
    const entry = { name, subgraph, instance, main, env, child: spawnProcess(name, main, env), port: Number(env.PORT) };
    children.push(entry);
    recordStack(offset, children);
    return entry;
  };
  const launchSubgraph = (subgraph, instance, env = {}) =>
    launch({ name: instanceName(subgraph, instance), subgraph, instance }, `services/${subgraph}/dist/main.js`, {
      PORT: String(basePortOf(subgraph) + offset + INSTANCE_PORT_STEP * (instance - 1)),
      // A throwaway stack only cares about events produced after it started (see KAFKA_NEW_GROUP_START).
      ...(options.databasePrefix ? { MONGO_DB: `${options.databasePrefix}_${subgraph}`, KAFKA_NEW_GROUP_START: 'latest' } : {}),
      ...env,
    });
  const waitForEntry = ({ name, child, port }) => waitForHealth(`http://127.0.0.1:${port}/health/ready`, child, name, timeoutMs, logFileOf(name));
  const stopChild = (child, signal = 'SIGTERM') =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });

  const stop = async () => {
    await Promise.all([...children].reverse().map(({ child }) => stopChild(child)));
    fs.rmSync(stackFileOf(offset), { force: true });
  };

  /** Kills one process (SIGKILL by default: no graceful shutdown, as in a crash). */
  const kill = async (name, signal = 'SIGKILL') => {
    const entry = children.find((candidate) => candidate.name === name);
    if (!entry) throw new Error(`no process named ${name}`);
    await stopChild(entry.child, signal);
  };

  /** Starts a stopped process again, optionally with changed environment, and waits for its health. */
  const restart = async (name, envOverrides = {}) => {
    const entry = children.find((candidate) => candidate.name === name);
    if (!entry) throw new Error(`no process named ${name}`);
    await stopChild(entry.child);
    entry.env = { ...entry.env, ...envOverrides };
    entry.child = spawnProcess(name, entry.main, entry.env);
    recordStack(offset, children);
    await waitForEntry(entry);
  };

  /**
   * Starts one more instance of a subgraph (the next instance number and port, `env` on top of the
   * stack's) and waits for its health; returns its entry. The gateway's URL list stays as it was: the
   * new instance serves as one more consumer in the subgraph's groups (and takes direct calls).
   */
  const addInstance = async (subgraph, { env = {} } = {}) => {
    const instance = Math.max(0, ...instancesOf(subgraph).map((entry) => entry.instance)) + 1;
    const entry = launchSubgraph(subgraph, instance, env);
    await waitForEntry(entry);
    return entry;
  };

  try {
    const selected = options.only ? SUBGRAPHS.filter(({ name }) => options.only.includes(name)) : SUBGRAPHS;
    const counts = instanceCounts(options.instances, selected);
    const started = selected.flatMap(({ name }) => Array.from({ length: counts[name] }, (_, index) => launchSubgraph(name, index + 1)));
    await Promise.all(started.map(waitForEntry));
    const withGateway = selected.length === SUBGRAPHS.length;
    if (withGateway) {
      const urlVariables = Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_SUBGRAPH_URL`, subgraphUrlsOf(name).join(',')]));
      const gateway = launch({ name: 'gateway', subgraph: undefined, instance: 1 }, 'gateway/dist/main.js', { PORT: String(GATEWAY_PORT + offset), ...urlVariables });
      // ready: the members replica is loaded and every subgraph answers
      await waitForHealth(`http://127.0.0.1:${gateway.port}/health/ready`, gateway.child, 'gateway', timeoutMs, logFileOf('gateway'));
    }
    const url = withGateway ? `http://127.0.0.1:${GATEWAY_PORT + offset}/graphql` : undefined;
    const admin = { phone: secrets.env.STEWARD_ADMIN_PHONE, password: secrets.adminPassword };
    return {
      /** the gateway's URL (undefined when `only` left out a subgraph) */
      url,
      /** the bootstrap administrator's phone and password */
      admin,
      /** the master secret of the user context this stack's processes were given (for tests of key rotation) */
      signingSecret: secrets.env.STEWARD_SIGNING_SECRET,
      /**
       * Credentials that make a direct subgraph call come from `principal` (default: the administrator), as the
       * gateway would sign them: a function of the call's `{ url, body }` (the signature covers the subgraph and
       * the exact body), which `graphql(url, …)` of @steward/testing calls; for a GET, `body` is empty.
       */
      signedHeaders:
        (principal = { kind: 'ADMIN', id: 'admin' }, now = undefined) =>
        ({ url, body = '' }) =>
          sign(principal, { audience: audienceOf(url), body }, now ?? Date.now()),
      /** signs in through the gateway and returns `{ authorization: 'Bearer …' }` */
      login: (phone = admin.phone, password = admin.password) => loginThrough(url, phone, password),
      /** the GraphQL URL of a subgraph (its instance 1) or of one instance by name (`tickets-2`) */
      subgraphUrl: subgraphUrlOf,
      /** the GraphQL URLs of every instance of a subgraph, in instance order (those added by `addInstance` too) */
      subgraphUrls: subgraphUrlsOf,
      /** every process: `{ name, subgraph, instance, main, env, child, port }` (the gateway's `subgraph` is undefined) */
      processes: children,
      logDir,
      kill,
      restart,
      addInstance,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function loginThrough(url, phone, password) {
  if (!url) throw new Error('login needs the gateway: start all five subgraphs');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }', variables: { phone, password } }),
  });
  const body = await response.json();
  if (!body.data?.login) throw new Error(`login of ${phone} failed: ${JSON.stringify(body.errors)}`);
  return { authorization: `Bearer ${body.data.login.token}` };
}

module.exports = { startStack, loginThrough, SUBGRAPHS, GATEWAY_PORT, INSTANCE_PORT_STEP };
