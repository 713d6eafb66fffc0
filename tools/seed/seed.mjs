#!/usr/bin/env node
// `npm run seed -- --profile demo|city|small|tiny [--seed N]`
//   demo: the story's places and people through the public GraphQL API (--url, default the local gateway).
//   city (small, tiny: the same, scaled down): a generated Ma'anshan-scale city written as NDJSON and
//   loaded through the services' bulk importers straight into steward_org / steward_members
//   (--db-prefix, MONGO_URL) and the compacted state topics (--topic-prefix for test topics).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoData } from './demo.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { generateCity, PROFILES } = require('./src/city.cjs');

function parseArgs(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (!argv[i].startsWith('--')) continue;
    const next = argv[i + 1];
    flags[argv[i].slice(2)] = next === undefined || next.startsWith('--') ? 'true' : argv[(i += 1)];
  }
  return flags;
}

/** Runs a node script; stderr (the progress bar) passes through, stdout is returned. */
function runNode(script, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, script), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(script)} ${args[0] ?? ''} exited with ${code}`))));
  });
}

function writeNdjson(file, records) {
  const fd = fs.openSync(file, 'w');
  let lines = [];
  let count = 0;
  for (const record of records) {
    lines.push(JSON.stringify(record));
    count += 1;
    if (lines.length >= 5000) {
      fs.writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) fs.writeSync(fd, `${lines.join('\n')}\n`);
  fs.closeSync(fd);
  return count;
}

const ORG_IMPORTER = 'services/org/dist/cli/bulk-import.js';
const MEMBERS_IMPORTER = 'services/members/dist/cli/bulk-import.js';

/**
 * Generates the profile and loads it. Returns per-collection summaries.
 * Options: profile, seed, dbPrefix, topicPrefix, mongoUrl, brokers, workDir, log.
 */
export async function seedCity(options) {
  const startedAt = Date.now();
  const log = options.log ?? ((line) => console.error(line));
  for (const importer of [ORG_IMPORTER, MEMBERS_IMPORTER]) {
    if (!fs.existsSync(path.join(repoRoot, importer))) throw new Error(`${importer} is missing: build first (npx nx run-many -t build)`);
  }
  const prefix = options.dbPrefix ?? 'steward';
  const env = {
    ...(options.mongoUrl ? { MONGO_URL: options.mongoUrl } : {}),
    ...(options.brokers ? { KAFKA_BROKERS: options.brokers } : {}),
  };
  const topicArgs = (name) => (options.topicPrefix ? ['--topic', `${options.topicPrefix}.${name}`] : []);
  const orgDb = ['--db', `${prefix}_org`];
  const membersDb = ['--db', `${prefix}_members`];

  // Units the demo profile (or anyone) already created with a story division code keep their ids.
  const knownIds = JSON.parse(await runNode(ORG_IMPORTER, ['--lookup-codes', ...orgDb], env));
  const city = generateCity({ seed: options.seed, profile: options.profile, knownIds });
  const workDir = options.workDir ?? path.join(repoRoot, '.local/seed', `${options.profile}-${options.seed}`);
  fs.mkdirSync(workDir, { recursive: true });
  const files = { units: path.join(workDir, 'org-units.ndjson'), members: path.join(workDir, 'members.ndjson'), households: path.join(workDir, 'households.ndjson') };
  writeNdjson(files.units, city.units);
  writeNdjson(files.members, city.members);
  writeNdjson(files.households, city.households());
  const generatedSeconds = (Date.now() - startedAt) / 1000;
  log(`[seed] ${options.profile} (seed ${options.seed}): ${city.units.length} units, ${city.members.length} members, ${city.householdTotal} households generated in ${generatedSeconds.toFixed(1)} s`);

  // org first (the members service validates against the tree it replicates), then members and households side by side
  const summaries = [JSON.parse(await runNode(ORG_IMPORTER, [files.units, ...orgDb, ...topicArgs('org.units')], env))];
  summaries.push(
    ...(await Promise.all([
      runNode(MEMBERS_IMPORTER, ['members', files.members, ...membersDb, ...topicArgs('members')], env),
      runNode(MEMBERS_IMPORTER, ['households', files.households, ...membersDb, ...topicArgs('households')], env),
    ]).then((outs) => outs.map((out) => JSON.parse(out)))),
  );
  if (!options.keepFiles) fs.rmSync(workDir, { recursive: true, force: true });
  return { summaries, generatedSeconds, seconds: (Date.now() - startedAt) / 1000, counts: { units: city.units.length, members: city.members.length, households: city.householdTotal } };
}

function printSummary(result) {
  const rows = result.summaries.map((s) => ({ ...s, rate: Math.round(s.read / s.seconds) }));
  console.log('\ncollection   read     inserted existing conflicts events   seconds docs/s');
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(12)} ${String(r.read).padEnd(8)} ${String(r.inserted).padEnd(8)} ${String(r.existing).padEnd(8)} ${String(r.conflicts).padEnd(9)} ${String(r.published).padEnd(8)} ${r.seconds.toFixed(1).padEnd(7)} ${r.rate}`,
    );
  }
  console.log(`total ${result.seconds.toFixed(1)} s (generation ${result.generatedSeconds.toFixed(1)} s)`);
}

async function main() {
  const flags = parseArgs(process.argv.slice(2));
  const profile = flags.profile ?? 'demo';
  const seed = Number(flags.seed ?? 1);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (profile === 'demo') {
    const url = flags.url ?? 'http://127.0.0.1:4000/graphql';
    const phone = flags.phone ?? process.env.STEWARD_ADMIN_PHONE;
    const password = process.env.STEWARD_ADMIN_PASSWORD;
    if (!phone || !password) throw new Error('the demo profile signs in as the administrator: set STEWARD_ADMIN_PHONE (or --phone) and STEWARD_ADMIN_PASSWORD');
    const { loginThrough } = require('../stack.cjs');
    await loadDemoData(url, await loginThrough(url, phone, password));
    return;
  }
  if (!PROFILES[profile]) throw new Error(`unknown profile "${profile}": demo, ${Object.keys(PROFILES).join(', ')}`);
  const result = await seedCity({
    profile, seed, dbPrefix: flags['db-prefix'], topicPrefix: flags['topic-prefix'], mongoUrl: flags['mongo-url'], brokers: flags.brokers,
    keepFiles: flags['keep-files'] === 'true',
  });
  printSummary(result);
  if (result.summaries.some((s) => s.conflicts > 0)) {
    console.error('[seed] some records collided with existing data on a unique key (division code or phone) and were skipped');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[seed] ${error.message}`);
    process.exit(1);
  });
}
