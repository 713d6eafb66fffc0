#!/usr/bin/env node
// Summarizes V8 CPU profiles (`node --cpu-prof`, e.g. from `npm run bench -- <name> --profile`):
// where the process spent its own CPU time, by origin (a package, a project of the
// workspace, Node itself, garbage collection, idle) and by function.
//   node tools/profile-summary.mjs <file.cpuprofile|directory> [--top=15]
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const top = Number(args.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 15);
const inputs = args.filter((arg) => !arg.startsWith('--'));
if (inputs.length === 0) {
  console.error('usage: node tools/profile-summary.mjs <file.cpuprofile|directory> [--top=15]');
  process.exit(2);
}

function profilesUnder(input) {
  if (!fs.statSync(input).isDirectory()) return [input];
  return fs.readdirSync(input, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(input, entry.name);
    if (entry.isDirectory()) return profilesUnder(full);
    return entry.name.endsWith('.cpuprofile') ? [full] : [];
  });
}

/** The origin of a frame: an npm package, a project of this repository, Node's own code, or V8's pseudo-frames. */
function originOf({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + 13).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const project = url.match(/\/(services|shared|gateway)\/([^/]+)?/);
  if (project) return project[1] === 'gateway' ? 'gateway' : `${project[1]}/${project[2]}`;
  return url;
}

function summarize(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byOrigin = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = nodes.get(id);
    const origin = originOf(callFrame);
    const name = `${callFrame.functionName || '(anonymous)'} ${path.basename(callFrame.url || '')}:${callFrame.lineNumber + 1}`;
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + micros);
    byFunction.set(`${origin} ${name}`, (byFunction.get(`${origin} ${name}`) ?? 0) + micros);
    total += micros;
  }
  const busy = total - (byOrigin.get('(idle)') ?? 0);
  const rows = (map) =>
    [...map.entries()]
      .filter(([key]) => !key.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, micros]) => `  ${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${key}`);
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)} %)`);
  console.log(' by origin (self time, share of busy):');
  console.log(rows(byOrigin).join('\n'));
  console.log(' by function:');
  console.log(rows(byFunction).join('\n'));
}

for (const input of inputs) for (const file of profilesUnder(input)) summarize(file);
