// Starts the five subgraphs and the gateway as child processes of this one and
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
];
const GATEWAY_PORT = 4000;

async function waitForHealth(url, child, name, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} during start-up`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
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
 * - env: extra environment for every process
 * - profileDir: each process writes a V8 CPU profile into <profileDir>/<name>/ when it exits
 * @param {{ portOffset?: number, databasePrefix?: string, logDir?: string, env?: Record<string,string>, timeoutMs?: number, only?: string[], profileDir?: string }} options
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
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map(({ name, port }) => [`${name.toUpperCase()}_SUBGRAPH_URL`, `http://127.0.0.1:${port + offset}/graphql`]),
  );
  /** The subgraph a URL of this stack belongs to (its /graphql or any other path, e.g. /evidence/…). */
  const audienceOf = (url) => {
    const origin = new URL(url).origin;
    const subgraph = SUBGRAPHS.find(({ name }) => new URL(subgraphUrls[`${name.toUpperCase()}_SUBGRAPH_URL`]).origin === origin);
    if (!subgraph) throw new Error(`${url} is no subgraph of this stack: only subgraph calls carry a signed user context`);
    return subgraph.name;
  };

  const spawnProcess = (name, main, env) => {
    const out = fs.openSync(path.join(logDir, `${name}.log`), 'a');
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.profileDir, name)}`] : [];
    const child = spawn(process.execPath, [...profile, path.join(repoRoot, main)], {
      cwd: repoRoot,
      stdio: ['ignore', out, out],
      env: { ...process.env, LOG_LEVEL: 'info', ...secrets.env, ...options.env, ...env },
    });
    fs.closeSync(out);
    return child;
  };
  const launch = (name, main, env) => {
    const entry = { name, main, env, child: spawnProcess(name, main, env), port: Number(env.PORT) };
    children.push(entry);
    recordStack(offset, children);
    return entry;
  };
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
    await waitForHealth(`http://127.0.0.1:${entry.port}/health/ready`, entry.child, name, timeoutMs);
  };

  try {
    const selected = options.only ? SUBGRAPHS.filter(({ name }) => options.only.includes(name)) : SUBGRAPHS;
    const started = selected.map(({ name, port }) =>
      launch(name, `services/${name}/dist/main.js`, {
        PORT: String(port + offset),
        // A throwaway stack only cares about events produced after it started (see KAFKA_NEW_GROUP_START).
        ...(options.databasePrefix ? { MONGO_DB: `${options.databasePrefix}_${name}`, KAFKA_NEW_GROUP_START: 'latest' } : {}),
      }),
    );
    await Promise.all(
      started.map(({ name, child, port }) => waitForHealth(`http://127.0.0.1:${port}/health/ready`, child, name, timeoutMs)),
    );
    const withGateway = selected.length === SUBGRAPHS.length;
    if (withGateway) {
      const gateway = launch('gateway', 'gateway/dist/main.js', { PORT: String(GATEWAY_PORT + offset), ...subgraphUrls });
      // ready: the members replica is loaded and every subgraph answers
      await waitForHealth(`http://127.0.0.1:${gateway.port}/health/ready`, gateway.child, 'gateway', timeoutMs);
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
      subgraphUrl: (name) => subgraphUrls[`${name.toUpperCase()}_SUBGRAPH_URL`],
      processes: children,
      logDir,
      kill,
      restart,
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

module.exports = { startStack, loginThrough, SUBGRAPHS, GATEWAY_PORT };
