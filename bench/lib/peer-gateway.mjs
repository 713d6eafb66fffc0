// Hive Gateway (@graphql-hive/gateway, installed into bench/node_modules) as
// the peer: the same checked-in supergraph, pointed at the same subgraphs.
// The subgraphs accept only a user context signed for them over the exact
// body, so the peer signs each subgraph request like ours does (an onFetch
// plugin in the gateway.config.mjs it loads from its working directory, with
// the stack's master secret) for the principal the bench client names in
// `x-steward-user` (a benchmark's client is trusted; ours verifies a JWT
// instead, so the peer still does a little less per request).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot, BENCH_PORT_OFFSET } from './stack.mjs';

const require = createRequire(import.meta.url);
const { USER_CONTEXT_HEADER, encodePrincipal } = require('@steward/auth');
const { SUBGRAPHS } = require('../../tools/stack.cjs');

const PEER_PORT = 4090 + BENCH_PORT_OFFSET;

/** The headers a bench client sends the peer to act as `principal` (default the administrator). */
export function peerHeaders(principal = { kind: 'ADMIN', id: 'admin' }) {
  return { [USER_CONTEXT_HEADER]: encodePrincipal(principal) };
}

const peerConfig = (audiences) => `// written by bench/lib/peer-gateway.mjs: sign the user context for each subgraph request
import { createRequire } from 'node:module';
const { userContextSigner, USER_CONTEXT_HEADER } = createRequire(${JSON.stringify(path.join(repoRoot, 'package.json'))})('@steward/auth');
const sign = userContextSigner(process.env.STEWARD_SIGNING_SECRET);
const AUDIENCES = ${JSON.stringify(audiences)};
export const gatewayConfig = {
  plugins: () => [
    {
      // every subgraph request: signed for its subgraph over its body, as the principal the client named
      onFetch({ url, options, setOptions, context }) {
        const audience = AUDIENCES[new URL(url).origin];
        const encoded = context?.request?.headers?.get(USER_CONTEXT_HEADER);
        if (!audience || !encoded) return;
        const headers = Object.fromEntries(new Headers(options.headers ?? {}));
        setOptions({ ...options, headers: { ...headers, ...sign({ encoded }, { audience, body: options.body }) } });
      },
    },
  ],
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
  const audiences = Object.fromEntries(SUBGRAPHS.map(({ name }) => [new URL(stack.subgraphUrl(name)).origin, name]));
  fs.writeFileSync(path.join(dir, 'gateway.config.mjs'), peerConfig(audiences));

  const log = fs.openSync(path.join(stack.logDir, 'hive-gateway.log'), 'w');
  const bin = path.join(repoRoot, 'bench/node_modules/@graphql-hive/gateway/dist/bin.js');
  // One worker, as our gateway is one process; no landing page or GraphiQL in the way.
  const child = spawn(process.execPath, [bin, 'supergraph', supergraphFile, '--port', String(PEER_PORT), '--host', '127.0.0.1', '--fork', '1'], {
    cwd: dir,
    stdio: ['ignore', log, log],
    env: { ...process.env, NODE_ENV: 'production', STEWARD_SIGNING_SECRET: stack.signingSecret },
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${PEER_PORT}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hive-gateway exited with ${child.exitCode}; see ${stack.logDir}/hive-gateway.log`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...peerHeaders() },
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
