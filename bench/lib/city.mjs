// A generated city (tools/seed/src/city.cjs) in databases of the bench's own,
// loaded once through the services' bulk importers and kept between runs.
// Org units and members go to the standard state topics, the only ones the
// services replicate (tickets, visits and assessment need the tree and the
// roles); households go to a topic of the bench's own: no benchmark needs
// them replicated, and 500k of them on steward.households.v1 would be read at
// every start of every visits service on this machine, tests included.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { repoRoot } from './stack.mjs';

const require = createRequire(import.meta.url);
const { generateCity } = require('../../tools/seed/src/city.cjs');

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const ORG_IMPORTER = 'services/org/dist/cli/bulk-import.js';
const MEMBERS_IMPORTER = 'services/members/dist/cli/bulk-import.js';

function runNode(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, script), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(script)} ${args[0]} exited with ${code}`))));
  });
}

function writeNdjson(file, records) {
  const fd = fs.openSync(file, 'w');
  let lines = [];
  for (const record of records) {
    lines.push(JSON.stringify(record));
    if (lines.length >= 5000) {
      fs.writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) fs.writeSync(fd, `${lines.join('\n')}\n`);
  fs.closeSync(fd);
}

/**
 * Whether the last record of each collection is stored: an `_id` lookup, the
 * one query FerretDB answers without reading the collection (counting 500k
 * households reads them all, minutes on a busy machine). The importers write
 * in order, a few batches at a time, so the last records come last.
 */
async function lastRecordsStored(dbPrefix, last) {
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    const has = async (db, collection, id) => (await mongo.db(`${dbPrefix}_${db}`).collection(collection).findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
    return { units: await has('org', 'org_units', last.units), members: await has('members', 'members', last.members), households: await has('members', 'households', last.households) };
  } finally {
    await mongo.close();
  }
}

function lastOf(iterable) {
  let last;
  for (const item of iterable) last = item;
  return last;
}

/**
 * Loads the profile unless the databases already hold all of it; the
 * importers skip what exists, so an interrupted load resumes. Returns the
 * generated city (for picking the measured places) and what was done.
 */
export async function ensureCity({ profile, seed, dbPrefix, load = true, log = console.log }) {
  const city = generateCity({ seed, profile, knownIds: {} });
  const expected = { units: city.units.length, members: city.members.length, households: city.householdTotal };
  const last = { units: city.units.at(-1)._id, members: city.members.at(-1)._id, households: lastOf(city.households())._id };
  const stored = await lastRecordsStored(dbPrefix, last);
  if (Object.values(stored).every(Boolean)) {
    log(`[bench] city ${profile} (seed ${seed}) already in ${dbPrefix}_org/${dbPrefix}_members: ${JSON.stringify(expected)}`);
    return { city, expected, loaded: false, counts: expected };
  }
  if (!load) return { city, expected, loaded: false, counts: null };
  log(`[bench] loading city ${profile} (seed ${seed}) into ${dbPrefix}_org/${dbPrefix}_members (last records stored: ${JSON.stringify(stored)}; want ${JSON.stringify(expected)}) …`);
  const startedAt = Date.now();
  const workDir = path.join(repoRoot, '.local/bench', `${dbPrefix}-${profile}-${seed}`);
  fs.mkdirSync(workDir, { recursive: true });
  const files = { units: path.join(workDir, 'org-units.ndjson'), members: path.join(workDir, 'members.ndjson'), households: path.join(workDir, 'households.ndjson') };
  writeNdjson(files.units, city.units);
  writeNdjson(files.members, city.members);
  writeNdjson(files.households, city.households());
  try {
    const summaries = [JSON.parse(await runNode(ORG_IMPORTER, [files.units, '--db', `${dbPrefix}_org`]))];
    const [members, households] = await Promise.all([
      runNode(MEMBERS_IMPORTER, ['members', files.members, '--db', `${dbPrefix}_members`]),
      runNode(MEMBERS_IMPORTER, ['households', files.households, '--db', `${dbPrefix}_members`, '--topic', `bench.${dbPrefix}.households`]),
    ]);
    summaries.push(JSON.parse(members), JSON.parse(households));
    const seconds = (Date.now() - startedAt) / 1000;
    log(`[bench] city loaded in ${seconds.toFixed(0)} s: ${summaries.map((s) => `${s.label} ${s.inserted} new/${s.read}`).join(', ')}`);
    return { city, expected, loaded: true, seconds, summaries, counts: Object.fromEntries(summaries.map((summary) => [summary.label, summary.read])) };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
