// `--backend=postgresql` and `--compare-backends`: the same benchmarks on
// FerretDB's PostgreSQL backend (a second FerretDB on 27018 over the cluster
// in .local/postgres, started by `infra.mjs ferretdb-up`) beside the default
// patched SQLite build on 27017, with one Kafka. Each backend runs in a child
// `bench/run.mjs` whose environment points every process at its FerretDB
// (the bench modules read MONGO_URL when they load, hence a child process).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { printTable } from './report.mjs';

export const BACKENDS = {
  sqlite: { port: 27017 },
  postgresql: { port: 27018 },
};

const mongoUrlOf = (backend) => `mongodb://127.0.0.1:${BACKENDS[backend].port}/?directConnection=true`;

function startFerretdb(repoRoot, backend) {
  const env = { ...process.env, FERRETDB_BACKEND: backend, FERRETDB_PORT: String(BACKENDS[backend].port) };
  execFileSync(process.execPath, [path.join(repoRoot, 'infra/scripts/infra.mjs'), 'ferretdb-up'], { stdio: 'inherit', env });
}

/** Runs `bench/run.mjs args` on one backend; resolves to the result files it wrote. */
export async function runOnBackend(repoRoot, backend, args) {
  startFerretdb(repoRoot, backend);
  const env = { ...process.env, BENCH_BACKEND: backend, MONGO_URL: mongoUrlOf(backend) };
  const child = spawn(process.execPath, [path.join(repoRoot, 'bench/run.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const files = [];
  let pending = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) if (line.startsWith('→ ')) files.push(path.join(repoRoot, line.slice(2).trim()));
  });
  const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new Error(`bench on ${backend} exited with ${code}`);
  return files;
}

const isFigure = (value) => typeof value === 'number' && Number.isFinite(value);

/**
 * One table per benchmark: each row's label (its text columns), each numeric
 * column on SQLite and on PostgreSQL, and PostgreSQL / SQLite (for latencies
 * and seconds below 1 is faster; for rates and docs/s above 1 is faster).
 */
export function compareResults(sqliteFiles, postgresqlFiles) {
  const byBenchmark = (files) => new Map(files.map((file) => {
    const result = JSON.parse(fs.readFileSync(file, 'utf8'));
    return [result.benchmark, result];
  }));
  const sqlite = byBenchmark(sqliteFiles);
  const postgresql = byBenchmark(postgresqlFiles);
  const tables = [];
  for (const [name, left] of sqlite) {
    const right = postgresql.get(name);
    if (!right) continue;
    const rows = [];
    left.rows.forEach((row, i) => {
      const other = right.rows[i] ?? {};
      const label = Object.values(row).filter((value) => typeof value === 'string').join(' · ');
      for (const [column, value] of Object.entries(row)) {
        if (!isFigure(value) || !isFigure(other[column])) continue;
        rows.push({ what: label, figure: column, sqlite: value, postgresql: other[column], 'postgresql / sqlite': value === 0 ? NaN : other[column] / value });
      }
    });
    tables.push({ name, rows });
  }
  return tables;
}

export async function compareBackends(repoRoot, args) {
  const sqliteFiles = await runOnBackend(repoRoot, 'sqlite', args);
  const postgresqlFiles = await runOnBackend(repoRoot, 'postgresql', args);
  const tables = compareResults(sqliteFiles, postgresqlFiles);
  for (const { name, rows } of tables) printTable(`${name}: FerretDB on SQLite (patched) vs on PostgreSQL`, rows);
  const file = path.join(repoRoot, 'bench/results', `backends-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ benchmark: 'backends', at: new Date().toISOString(), args, tables }, null, 2)}\n`);
  console.log(`→ ${path.relative(repoRoot, file)}`);
}
