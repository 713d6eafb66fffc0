// Tracing on and off in one run: the stack runs the benchmark untraced, is
// restarted with OpenTelemetry exporting every span (OTLP/HTTP protobuf) to a
// local sink that reads and drops them, runs it again, and is restarted
// untraced for the next benchmark. The rows of both runs, and on/off ratios,
// go into one table: the cost of tracing including the export.
import http from 'node:http';

/** An OTLP/HTTP endpoint that accepts every export and keeps nothing but a count of requests and bytes. */
export async function startOtlpSink() {
  const received = { requests: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    req.on('data', (chunk) => {
      received.bytes += chunk.length;
    });
    req.on('end', () => {
      received.requests += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Restarts every process of the stack with `env` on top of its own (the subgraphs together, then the gateway). */
async function restartAll(stack, env) {
  const names = stack.processes.map((entry) => entry.name);
  await Promise.all(names.filter((candidate) => candidate !== 'gateway').map((name) => stack.restart(name, env)));
  if (names.includes('gateway')) await stack.restart('gateway', env);
}

/** What names a row (its text columns), to pair the rows of the two runs. */
const labelOf = (row) => Object.values(row).filter((value) => typeof value === 'string').join(' ');

/** Runs `benchmark` with tracing off, then on, on the same stack and data; one table with both and their ratios. */
export async function compareTracing(benchmark, context) {
  const off = await benchmark.run(context);
  const sink = await startOtlpSink();
  let on;
  try {
    console.log('[bench] restarting the stack with tracing on (every span exported to a local OTLP sink) …');
    await restartAll(context.stack, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' });
    on = await benchmark.run(context);
  } finally {
    console.log('[bench] restarting the stack with tracing off …');
    await restartAll(context.stack, { OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    await sink.close();
  }
  const ratios = off.rows
    .map((row, index) => [row, on.rows[index]])
    .filter(([row, other]) => other && labelOf(row) === labelOf(other) && !/ \/ | − /.test(labelOf(row))) // not rows that are already differences or ratios
    .map(([row, other]) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value], column) => {
          if (column === 0) return [key, `${value} on/off`];
          if (typeof value !== 'number') return [key, value];
          return [key, typeof other[key] === 'number' && value !== 0 ? other[key] / value : Number.NaN];
        }),
      ),
    );
  // what a benchmark returns beside rows, measured and notes (propagation's chart), from the run with tracing off
  const { rows: _rows, measured: _measured, notes: _notes, ...others } = off;
  return {
    ...others,
    rows: [...off.rows.map((row) => ({ tracing: 'off', ...row })), ...on.rows.map((row) => ({ tracing: 'on', ...row })), ...ratios.map((row) => ({ tracing: 'ratio', ...row }))],
    measured: { tracingOff: off.measured, tracingOn: on.measured },
    notes: [
      ...(off.notes ?? []),
      `tracing on: the official Node SDK, every span sampled and exported by OTLP/HTTP to a local sink (${sink.received.requests} exports, ${(sink.received.bytes / 1e6).toFixed(1)} MB)`,
    ],
  };
}
