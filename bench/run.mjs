#!/usr/bin/env node
// `npm run bench -- <name>|all [--quick]`: installs the load tools on demand,
// starts infra and the stack on their own ports, creates the data each
// benchmark needs, runs it (warm-up, then the median of repetitions), prints
// a table and writes JSON under bench/results/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTownship, createDispatchedTickets } from './lib/fixtures.mjs';
import { printTable, writeResult } from './lib/report.mjs';
import { BENCH_DB_PREFIX, BENCH_ENV, BENCH_PORT_OFFSET, prepareWorkspace, repoRoot, startBenchStack } from './lib/stack.mjs';
import { compareTracing } from './lib/tracing.mjs';
import { BACKENDS, compareBackends, runOnBackend } from './lib/backends.mjs';
import { judgeGoals } from './lib/goals.mjs';

const BENCHMARKS = ['gateway-overhead', 'federated', 'propagation', 'seed-city', 'rebuild', 'city-reads', 'notifications'];

const USAGE = `usage: npm run bench -- <${[...BENCHMARKS, 'all'].join('|')}> [--quick] [--profile] [--no-tracing] [--rates=2,20] [--ladder=10] [--duration=30] [--repetitions=3] [--backend=sqlite|postgresql | --compare-backends]`;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
// gateway-overhead and propagation measure with tracing off, then on; --no-tracing measures off only (half the time)
const compareTracingRuns = !args.includes('--no-tracing');
const names = args.filter((arg) => !arg.startsWith('--'));
const selected = names.includes('all') ? BENCHMARKS : names;
if (selected.length === 0 || selected.some((name) => !BENCHMARKS.includes(name))) {
  console.error(USAGE);
  process.exit(2);
}

/** `--name=1,2` → [1, 2]; undefined when absent. Exits with the usage on anything but positive numbers. */
function numbersOption(name) {
  const arg = args.find((candidate) => candidate.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  const values = arg.slice(name.length + 3).split(',').map(Number);
  if (values.length === 0 || values.some((value) => !Number.isFinite(value) || value <= 0)) {
    console.error(`--${name} takes positive numbers\n${USAGE}`);
    process.exit(2);
  }
  return values;
}

// Full runs follow the issue's figures; --quick is for checking that a benchmark works.
const defaults = quick
  ? { repetitions: 1, warmupSeconds: 2, durationSeconds: 5, connections: 50, rates: [20], ticketCount: 50 }
  : { repetitions: 3, warmupSeconds: 5, durationSeconds: 30, connections: 50, rates: [2, 10, 20], ticketCount: 200 };
const overrides = {
  rates: numbersOption('rates'),
  durationSeconds: numbersOption('duration')?.[0],
  repetitions: numbersOption('repetitions')?.[0],
  // propagation: past the last of --rates, go on up by this step while the chain keeps up
  ladderStep: numbersOption('ladder')?.[0],
};
const options = { ...defaults, ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) };
if (profile) {
  // every stack process writes a V8 CPU profile when it stops; summarize with tools/profile-summary.mjs
  process.env.BENCH_PROFILE_DIR = path.join(repoRoot, 'bench/results/profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  console.log(`[bench] CPU profiles of the stack go to ${path.relative(repoRoot, process.env.BENCH_PROFILE_DIR)}/<process>/`);
}

// FerretDB's backend: a child run with every process pointed at that backend's FerretDB (bench/lib/backends.mjs)
const backendArg = args.find((arg) => arg.startsWith('--backend='))?.slice('--backend='.length);
if (backendArg !== undefined && !(backendArg in BACKENDS)) {
  console.error(`--backend takes ${Object.keys(BACKENDS).join(' or ')}\n${USAGE}`);
  process.exit(2);
}
if (args.includes('--compare-backends')) {
  await compareBackends(repoRoot, args.filter((arg) => arg !== '--compare-backends'));
  process.exit(0);
}
if (backendArg !== undefined && process.env.BENCH_BACKEND !== backendArg) {
  await runOnBackend(repoRoot, backendArg, args);
  process.exit(0);
}

function ensureLoadTools() {
  const benchDir = path.join(repoRoot, 'bench');
  const stamp = path.join(benchDir, 'node_modules/.installed-lock');
  const lock = fs.readFileSync(path.join(benchDir, 'package-lock.json'), 'utf8');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lock) return;
  console.log('[bench] installing load tools (autocannon, Hive Gateway) into bench/node_modules …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: benchDir, stdio: 'inherit' });
  fs.writeFileSync(stamp, lock);
}

ensureLoadTools();
const limits = Object.entries(BENCH_ENV).filter(([key]) => key.startsWith('GATEWAY_') || key.startsWith('STEWARD_'));
console.log(`[bench] stack environment: ${limits.map(([key, value]) => `${key}=${value}`).join(' ')}`);
console.log('[bench] all calls act as the bootstrap administrator: a bearer token through the gateway, a signed user context to subgraphs');
console.log('[bench] infra up and build …');
await prepareWorkspace();
// A benchmark exporting needsFixtures = false makes its own data and needs neither the stack nor the fixtures.
const modules = await Promise.all(selected.map(async (name) => [name, await import(`./benchmarks/${name}.mjs`)]));
// those on the shared stack first: it is stopped before the others start theirs
modules.sort(([, a], [, b]) => Number(a.needsFixtures === false) - Number(b.needsFixtures === false));
const needsStack = modules.some(([, benchmark]) => benchmark.needsFixtures !== false);
let stack;
let fixtures;
const results = new Map();
if (needsStack) {
  console.log(`[bench] starting the stack (ports +${BENCH_PORT_OFFSET}, databases ${BENCH_DB_PREFIX}_*) …`);
  // a loaded machine (other stacks beside this one) can take minutes to start five subgraphs and the gateway
  stack = await startBenchStack({ timeoutMs: 600_000 });
}
try {
  if (needsStack) {
    console.log('[bench] creating data …');
    const place = await createTownship(stack.api);
    const ticketIds = await createDispatchedTickets(stack.api, place.grids, options.ticketCount);
    fixtures = { ...place, ticketIds };
  }
  for (const [name, benchmark] of modules) {
    // benchmarks with their own data start their own processes on the bench ports: the shared stack must be gone
    if (benchmark.needsFixtures === false && stack) {
      await stack.stop();
      stack = undefined;
    }
    console.log(`[bench] ${name}: ${benchmark.description}`);
    const startedAt = Date.now();
    // gateway-overhead and propagation measure with tracing off and on, on the same stack and data
    const result = benchmark.comparesTracing && compareTracingRuns ? await compareTracing(benchmark, { stack, fixtures, options }) : await benchmark.run({ stack, fixtures, options });
    printTable(`${name} (${quick ? 'quick' : `median of ${options.repetitions}`}, ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`, result.rows);
    for (const note of result.notes ?? []) console.log(`  note: ${note}`);
    console.log(`→ ${writeResult(repoRoot, name, { options, environment: BENCH_ENV, backend: process.env.BENCH_BACKEND ?? 'sqlite', ...result })}`);
    results.set(name, result);
  }
} finally {
  await stack?.stop();
}

// the issue's goals, judged on this run's results
const goals = judgeGoals(results);
if (goals.length > 0) {
  printTable(`goals (${goals.filter((goal) => goal.met === 'yes').length} of ${goals.length} met)`, goals);
  console.log(`→ ${writeResult(repoRoot, 'goals', { options, backend: process.env.BENCH_BACKEND ?? 'sqlite', goals })}`);
}
