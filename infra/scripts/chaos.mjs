#!/usr/bin/env node
// `npm run chaos [-- --tickets N --concurrency C]`: the fault scenario of
// gateway/test/scale-out/ with a larger load than the test suite's. Starts the
// infrastructure, builds, runs the scenario (two instances of every subgraph,
// instances SIGKILLed and restarted, a third consumer joining mid-stream) and
// prints what a person would check: tickets closed, visits per ticket, scores.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { tickets: { type: 'string', default: '120' }, concurrency: { type: 'string', default: '6' } } });
const env = { ...process.env, NX_DAEMON: 'false' };

execFileSync(process.execPath, ['infra/scripts/infra.mjs', 'up'], { cwd: repoRoot, stdio: 'inherit', env });
execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env });

const summaryFile = path.join(repoRoot, '.local/chaos-summary.json');
fs.rmSync(summaryFile, { force: true });
const jest = spawnSync('npx', ['jest', '--selectProjects', 'integration', '--testPathPatterns', 'gateway/test/scale-out/'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...env, CHAOS_TICKETS: values.tickets, CHAOS_CONCURRENCY: values.concurrency, CHAOS_LOG: '1', CHAOS_SUMMARY_FILE: summaryFile },
});
if (fs.existsSync(summaryFile)) {
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const oneVisit = summary.perTicket.filter(({ visits }) => visits.length === 1 && visits[0] === 'COMPLETED').length;
  const notesKept = summary.perTicket.filter(({ notes, notesConfirmed }) => notes >= notesConfirmed).length;
  console.log(`\nchaos summary (${summary.wallSeconds} s)`);
  console.log(`  tickets driven / closed        ${summary.tickets} / ${summary.closed}`);
  console.log(`  village tickets by status      ${JSON.stringify(summary.villageTicketsByStatus)} (lost report answers: ${summary.lostReports})`);
  console.log(`  tickets with one completed visit ${oneVisit} / ${summary.perTicket.length}`);
  console.log(`  tickets that kept both concurrent progress notes ${notesKept} / ${summary.perTicket.length}`);
  console.log(`  handler score                  ${JSON.stringify(summary.handlerScore)}`);
  console.log(`  village score                  ${JSON.stringify(summary.villageScore)}`);
  console.log(`  steps retried after a fault    ${JSON.stringify(summary.retriedSteps)}`);
  for (const fault of summary.faults) console.log(`  fault at step ${fault.atStep}: ${fault.action}`);
}
process.exit(jest.status ?? 1);
