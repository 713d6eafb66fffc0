#!/usr/bin/env node
// `npm start`: installs and starts the local infrastructure, builds the
// workspace, starts the six subgraphs and the gateway, a local webhook
// receiver (tools/webhook-receiver.mjs, 127.0.0.1:4090), loads the demo data
// (with a webhook of the demo township to that receiver), and prints the URLs. Ctrl-C stops the apps it started (infra keeps
// running; `npm run infra:down` stops it). `npm start -- --instances 2` runs
// two processes of every subgraph behind the one gateway.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, loadDemoData } from '../../tools/demo-data.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { startStack } = require('../../tools/stack.cjs');
const run = (command, args) => execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });

const { values: flags } = parseArgs({ options: { instances: { type: 'string', default: '1' } } });
const instances = Number(flags.instances);
if (!Number.isInteger(instances) || instances < 1) {
  console.error(`[start] --instances: a whole number of at least 1, not ${flags.instances}`);
  process.exit(1);
}

const startedAt = Date.now();
run(process.execPath, ['infra/scripts/infra.mjs', 'up']);
run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
console.log(`[start] starting the subgraphs${instances > 1 ? ` (${instances} instances of each)` : ''} and the gateway …`);
const stack = await startStack({ instances });
// the demo township's webhook points here: it verifies signatures and logs what the tickets cause (imported after the build: it uses the service's signature check)
const { startWebhookReceiver } = await import('../../tools/webhook-receiver.mjs');
const receiver = await startWebhookReceiver({ port: 4090 }).catch((error) => {
  console.error(`[start] webhook receiver not started: ${error.message}`);
  return null;
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping the apps …');
  await receiver?.stop();
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
try {
  await loadDemoData(stack.url, await stack.login(), receiver ? { url: receiver.url, trust: receiver.trust } : undefined);
} catch (error) {
  console.error(`[start] demo data failed: ${error.message}`);
}
console.log(`
Village Steward (村民大管家) is running (${((Date.now() - startedAt) / 1000).toFixed(1)} s).
  GraphQL: ${stack.url}
  webhook receiver: ${receiver ? `${receiver.url} (the demo township 清溪镇's webhook; GET http://127.0.0.1:${new URL(receiver.url).port}/ lists what arrived, webhookDeliveries shows the queue)` : 'not running'}${instances > 1 ? `\n  instances: ${stack.processes.filter(({ subgraph }) => subgraph).map(({ name, port }) => `${name} :${port}`).join(', ')}` : ''}
  logs:    ${path.relative(repoRoot, stack.logDir)}/
  administrator: phone ${stack.admin.phone}, password ${stack.admin.password}${process.env.STEWARD_ADMIN_PASSWORD ? ' (from STEWARD_ADMIN_PASSWORD)' : ' (random for this run; set STEWARD_ADMIN_PASSWORD to choose)'}
  demo members:  their phone (e.g. 13905550001), password ${DEMO_PASSWORD}
Try:
  TOKEN=$(curl -s ${stack.url} -H 'content-type: application/json' \\
    -d '{"query":"mutation { login(phone: \\"${stack.admin.phone}\\", password: \\"${stack.admin.password}\\") { token } }"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')
  curl -s ${stack.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ tickets(first: 5) { totalCount edges { node { number title status unit { name } } } } }"}'
Ctrl-C stops the apps.`);
