#!/usr/bin/env node
// `npm run bench:chart [-- bench/results/propagation-….json]`: the README's
// chart of chain latency against dispatch rate (docs/performance/chain-latency.svg),
// from the given propagation result or the newest one in bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chainSeries, latencyChartSvg } from './lib/chart.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(repoRoot, 'bench/results');

function newestPropagationResult() {
  const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir).filter((f) => /^propagation-.*\.json$/.test(f)).sort() : [];
  if (files.length === 0) {
    console.error('no bench/results/propagation-*.json: run `npm run bench -- propagation` first');
    process.exit(2);
  }
  return path.join(resultsDir, files[files.length - 1]);
}

const source = process.argv[2] ?? newestPropagationResult();
const result = JSON.parse(fs.readFileSync(source, 'utf8'));
const data = chainSeries(result);
if (data.series.length === 0) {
  console.error(`${source} has no measured visit or score latencies`);
  process.exit(2);
}
const target = path.join(repoRoot, 'docs/performance/chain-latency.svg');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, latencyChartSvg(data));
console.log(`${path.relative(repoRoot, target)} ← ${path.relative(repoRoot, source)} (rates ${data.rates.join(', ')}/s)`);
