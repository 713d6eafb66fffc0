#!/usr/bin/env node
// Prints the key one subgraph verifies the gateway's user context with:
// HMAC-SHA256(STEWARD_SIGNING_SECRET, "steward-user-context:" + <subgraph>), hex.
// Give it to that subgraph as STEWARD_SUBGRAPH_SIGNING_KEY, so the subgraph
// need not hold the master secret (which signs for every subgraph).
//
//   STEWARD_SIGNING_SECRET=… node tools/derive-subgraph-key.cjs tickets
//
// The master secret is read from the environment, not the command line, so it
// stays out of shell history and process listings. After `npm run build`.
const { deriveSubgraphKey } = require('@steward/auth');

const SUBGRAPHS = require('./stack.cjs').SUBGRAPHS.map(({ name }) => name);
const [subgraph] = process.argv.slice(2);
const master = process.env.STEWARD_SIGNING_SECRET;

if (!SUBGRAPHS.includes(subgraph)) {
  console.error(`usage: STEWARD_SIGNING_SECRET=… node tools/derive-subgraph-key.cjs <${SUBGRAPHS.join('|')}>`);
  process.exit(2);
}
if (!master || master.length < 32) {
  console.error('STEWARD_SIGNING_SECRET must be set to the master secret (at least 32 characters)');
  process.exit(2);
}
console.log(deriveSubgraphKey(master, subgraph));
