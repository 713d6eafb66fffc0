#!/usr/bin/env node
// A small local webhook receiver for the demo (`npm start` runs it on
// 127.0.0.1:4090): it verifies X-Steward-Signature with the secrets it was
// given, drops repeats by Idempotency-Key, logs one line per delivery and
// keeps the last 200 (GET / lists them as JSON). A real receiver does the
// same (services/notifications/README.md, "Webhooks").
//   node tools/webhook-receiver.mjs [--port 4090] [--secret whsec_…]   (after a build)
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// the service's own check (services/notifications/src/domain/webhook-rules.ts), from its build (npm start builds first)
import { verifyWebhookSignature } from '../services/notifications/dist/domain/webhook-rules.js';

const KEEP = 200;

/** Starts the receiver; `trust(secret)` adds a signing secret (the one registerWebhook answered). */
export async function startWebhookReceiver({ host = '127.0.0.1', port = 4090, secrets = [], log = console.log } = {}) {
  const trusted = new Set(secrets);
  const seen = new Set();
  const received = [];
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(received, null, 2));
      return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = String(request.headers['idempotency-key'] ?? '');
      const header = String(request.headers['x-steward-signature'] ?? '');
      const verified = [...trusted].some((secret) => verifyWebhookSignature(secret, header, body, Math.floor(Date.now() / 1000)));
      if (!verified) {
        log(`[webhook-receiver] refused a delivery with a bad or stale signature (${key || 'no key'})`);
        response.writeHead(401).end();
        return;
      }
      const repeat = seen.has(key);
      if (!repeat) {
        seen.add(key);
        const message = JSON.parse(body);
        received.unshift({ receivedAt: new Date().toISOString(), ...message });
        received.length = Math.min(received.length, KEEP);
        log(`[webhook-receiver] ${message.type} ${message.ticket?.number ?? ''} → ${message.recipient?.kind}: ${message.text}`);
      }
      response.writeHead(repeat ? 200 : 202).end();
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}/hooks/steward`,
    received,
    trust: (secret) => trusted.add(secret),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4090' }, secret: { type: 'string', multiple: true, default: [] } } });
  const receiver = await startWebhookReceiver({ port: Number(values.port), secrets: values.secret });
  console.log(`[webhook-receiver] listening on ${receiver.url} (GET / lists what arrived)`);
}
