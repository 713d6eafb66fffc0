// Runs autocannon against a GraphQL endpoint and returns the figures the benchmarks compare.
import { createRequire } from 'node:module';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/**
 * @param {{ url: string, connections: number, durationSeconds: number, bodies: string[], headers?: Record<string,string> | (() => Record<string,string>) }} options
 * `bodies` are cycled through, so requests carry varied variables. Latencies are
 * collected per response (autocannon's own summary has no p95). A `headers`
 * function is called once per run: signed subgraph headers are valid for 60 s,
 * so each run (at most 30 s) gets a fresh set. When it gives signed-context
 * credentials (a function of `{ url, body }`), each body is signed once per run.
 */
export function runLoad({ url, connections, durationSeconds, bodies, headers = {} }) {
  if (typeof headers === 'function') {
    if (durationSeconds > 50) throw new Error('signed headers are valid for 60 s: keep a run with fresh headers under 50 s');
    headers = headers();
  }
  const headersOfBody = typeof headers === 'function' ? bodies.map((body) => headers({ url, body })) : bodies.map(() => headers);
  let next = 0;
  const latencies = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationSeconds,
        method: 'POST',
        requests: [
          {
            setupRequest: (request) => {
              request.body = bodies[next % bodies.length];
              request.headers = { 'content-type': 'application/json', ...headersOfBody[next % bodies.length] };
              next += 1;
              return request;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const { p50, p95, p99 } = summarize(latencies);
        resolve({
          rps: result.requests.total / durationSeconds,
          p50,
          p95,
          p99,
          requests: result.requests.total,
          failures: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  });
}
