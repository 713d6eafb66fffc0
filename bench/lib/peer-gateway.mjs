// Hive Gateway (@graphql-hive/gateway, installed into bench/node_modules) as
// the peer: the same checked-in supergraph, pointed at the same subgraphs.
// The subgraphs accept only a signed user context, which Hive cannot make:
// the bench client sends freshly signed headers and Hive forwards them to
// every subgraph (propagateHeaders.fromClientToSubgraphs, in the
// gateway.config.mjs it loads from its working directory). So the peer does
// less per request than ours, which verifies a JWT and signs a context.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot, BENCH_PORT_OFFSET } from './stack.mjs';

const require = createRequire(import.meta.url);
const { USER_CONTEXT_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER } = require('../../shared/auth/dist');

const PEER_PORT = 4090 + BENCH_PORT_OFFSET;

export const FORWARDED_HEADERS = [USER_CONTEXT_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER];

const PEER_CONFIG = `// written by bench/lib/peer-gateway.mjs: forward the signed user context to every subgraph
const FORWARDED = ${JSON.stringify(FORWARDED_HEADERS)};
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name) ?? undefined]));
    },
  },
};
`;

export async function startPeerGateway(stack) {
  const supergraph = fs
    .readFileSync(path.join(repoRoot, 'gateway/supergraph.graphql'), 'utf8')
    .replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_match, name) => `@join__graph(name: "${name}", url: "${stack.subgraphUrl(name)}")`);
  const dir = path.join(repoRoot, '.local/bench');
  fs.mkdirSync(dir, { recursive: true });
  const supergraphFile = path.join(dir, 'peer-supergraph.graphql');
  fs.writeFileSync(supergraphFile, supergraph);
  fs.writeFileSync(path.join(dir, 'gateway.config.mjs'), PEER_CONFIG);

  const log = fs.openSync(path.join(stack.logDir, 'hive-gateway.log'), 'w');
  const bin = path.join(repoRoot, 'bench/node_modules/@graphql-hive/gateway/dist/bin.js');
  // One worker, as our gateway is one process; no landing page or GraphiQL in the way.
  const child = spawn(process.execPath, [bin, 'supergraph', supergraphFile, '--port', String(PEER_PORT), '--host', '127.0.0.1', '--fork', '1'], {
    cwd: dir,
    stdio: ['ignore', log, log],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${PEER_PORT}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hive-gateway exited with ${child.exitCode}; see ${stack.logDir}/hive-gateway.log`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('hive-gateway did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
