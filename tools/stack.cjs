// Starts the five subgraphs and the gateway as child processes of this one and
// waits until each answers its health check. Used by `npm start` and by the
// end-to-end tests (with other ports and databases so both can run at once).
const { spawn } = require('node:child_process');
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
 * @param {{ portOffset?: number, databasePrefix?: string, logDir?: string, env?: Record<string,string>, timeoutMs?: number }} options
 */
async function startStack(options = {}) {
  const offset = options.portOffset ?? 0;
  const logDir = options.logDir ?? path.join(repoRoot, '.local/logs');
  const timeoutMs = options.timeoutMs ?? 120_000;
  fs.mkdirSync(logDir, { recursive: true });
  const children = [];

  const launch = (name, main, env) => {
    const out = fs.openSync(path.join(logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(repoRoot, main)], {
      cwd: repoRoot,
      stdio: ['ignore', out, out],
      env: { ...process.env, LOG_LEVEL: 'info', ...options.env, ...env },
    });
    fs.closeSync(out);
    const entry = { name, child, port: Number(env.PORT) };
    children.push(entry);
    return entry;
  };

  const stop = async () => {
    await Promise.all(
      children.reverse().map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    const started = SUBGRAPHS.map(({ name, port }) =>
      launch(name, `services/${name}/dist/main.js`, {
        PORT: String(port + offset),
        ...(options.databasePrefix ? { MONGO_DB: `${options.databasePrefix}_${name}` } : {}),
      }),
    );
    await Promise.all(
      started.map(({ name, child, port }) => waitForHealth(`http://127.0.0.1:${port}/health/ready`, child, name, timeoutMs)),
    );
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map(({ name, port }) => [`${name.toUpperCase()}_SUBGRAPH_URL`, `http://127.0.0.1:${port + offset}/graphql`]),
    );
    const gateway = launch('gateway', 'gateway/dist/main.js', { PORT: String(GATEWAY_PORT + offset), ...subgraphUrls });
    await waitForHealth(`http://127.0.0.1:${gateway.port}/health/live`, gateway.child, 'gateway', timeoutMs);
    return {
      url: `http://127.0.0.1:${gateway.port}/graphql`,
      subgraphUrl: (name) => subgraphUrls[`${name.toUpperCase()}_SUBGRAPH_URL`],
      processes: children,
      logDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

module.exports = { startStack, SUBGRAPHS, GATEWAY_PORT };
