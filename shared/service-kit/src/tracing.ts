import { tracingEnabled } from './tracing-config';

/**
 * OpenTelemetry tracing for a process (`@steward/service-kit/tracing`): the
 * official Node SDK with the HTTP (incoming and outgoing), Express, GraphQL,
 * MongoDB driver and fetch (undici, the gateway's subgraph calls)
 * instrumentations, W3C trace context, spans exported by OTLP as the standard
 * `OTEL_*` variables say (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_PROTOCOL` = `http/protobuf` (default), `http/json` or
 * `grpc`, `OTEL_TRACES_SAMPLER`, …). The project's own spans — the relay's
 * publish, every consumer's handling — come from `@steward/events` (tracing.ts
 * there), and @apollo/gateway makes its query-plan spans itself.
 *
 * Off unless configured (tracing-config.ts): then nothing of the SDK is
 * loaded, and the API calls in the code are no-ops. It must start before
 * the instrumented modules are loaded, so every main.ts imports
 * `@steward/service-kit/tracing-register` first.
 */
interface RunningSdk {
  shutdown(): Promise<void>;
}

let running: RunningSdk | undefined;

/** Paths that are polled (health probes, scrapes): no spans, they would drown the traces. */
const UNTRACED_PATHS = /^\/(health\/|metrics\b)/;

/** Starts the SDK when tracing is configured; returns whether it did. `serviceName` unless `OTEL_SERVICE_NAME` says otherwise. */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (running || !tracingEnabled(env)) return running !== undefined;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on, before the instrumented modules */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { MongoDBInstrumentation } = require('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    // Prometheus (prom-client, /metrics) has the metrics; logs go to stdout
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        // outgoing calls without a trace (the gateway's health polls) start none
        requireParentforOutgoingSpans: true,
      }),
      new ExpressInstrumentation(),
      // resolvers that just read a property make no spans; parse/validate/execute and real resolvers do
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      // background passes (relay polls, sweepers) without a trace start none
      new MongoDBInstrumentation({ requireParentSpan: true }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  sdk.start();
  running = sdk;
  return true;
}

/** Exports what is buffered and stops the SDK (on shutdown); a no-op when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  const sdk = running;
  running = undefined;
  await sdk?.shutdown().catch(() => undefined);
}
