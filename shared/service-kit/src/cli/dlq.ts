/**
 * `npm run dlq -- list [--topic <topic>]… [--json]`
 * `npm run dlq -- redrive (<dlq topic>/<partition>/<offset>… | --all) [--topic <topic>]… [--by <name>]`
 *
 * Lists what sits on the dead-letter topics (`<topic>.dlq`) with the reason,
 * the consumer group that gave up and whether it was re-driven; re-drives
 * chosen messages, or all that were not re-driven yet, to the topic they came
 * from, recording each on `steward.dlq.redrives` (see @steward/events
 * dead-letters.ts). Re-driving again changes nothing: consumers are idempotent.
 * Reads the Kafka variables every app reads (KAFKA_BROKERS, KAFKA_SSL*, KAFKA_SASL_*).
 */
import { listDeadLetters, redriveDeadLetters, type DeadLetter } from '@steward/events';
import { ConfigError, loadServiceConfig } from '../config';
import { createKafka } from '../connections';
import { createLogger } from '../logger';

interface Arguments {
  command: string | undefined;
  topics: string[];
  ids: string[];
  all: boolean;
  json: boolean;
  by: string;
}

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = { command: argv[0], topics: [], ids: [], all: false, json: false, by: process.env.USER ?? 'operator' };
  for (let index = 1; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--topic') parsed.topics.push(argv[(index += 1)] ?? '');
    else if (argument === '--by') parsed.by = argv[(index += 1)] ?? parsed.by;
    else if (argument === '--all') parsed.all = true;
    else if (argument === '--json') parsed.json = true;
    else parsed.ids.push(argument);
  }
  return parsed;
}

function summary(letter: DeadLetter): Record<string, unknown> {
  const { message: _message, ...rest } = letter;
  return rest;
}

function printTable(letters: readonly DeadLetter[]): void {
  if (letters.length === 0) {
    process.stdout.write('no dead letters\n');
    return;
  }
  for (const letter of letters) {
    const redriven = letter.redriven ? `re-driven ${letter.redriven.times}× (last ${letter.redriven.at} by ${letter.redriven.by})` : 'pending';
    process.stdout.write(
      `${letter.id}  ${letter.parkedAt}  ${letter.reason}  ${letter.eventType ?? '?'} ${letter.eventId ?? ''}  group=${letter.consumerGroup ?? '?'}  ${redriven}\n    ${letter.error.slice(0, 300)}\n`,
    );
  }
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.command !== 'list' && args.command !== 'redrive') {
    process.stderr.write('usage: npm run dlq -- list [--topic T]… [--json] | redrive (<dlq topic>/<partition>/<offset>… | --all) [--topic T]… [--by NAME]\n');
    process.exit(2);
  }
  process.env.NODE_ENV ??= 'development';
  const config = loadServiceConfig('dlq-tool', 0, process.env, { servesRequests: false });
  const kafka = createKafka(config, createLogger({ serviceName: 'dlq-tool', logLevel: 'warn' }));
  const letters = await listDeadLetters(kafka, args.topics);
  if (args.command === 'list') {
    if (args.json) process.stdout.write(`${JSON.stringify(letters.map(summary), null, 2)}\n`);
    else printTable(letters);
    return;
  }
  const chosen = args.all ? letters.filter((letter) => !letter.redriven) : letters.filter((letter) => args.ids.includes(letter.id));
  const unknown = args.all ? [] : args.ids.filter((id) => !letters.some((letter) => letter.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`no such dead letter: ${unknown.join(', ')}\n`);
    process.exit(1);
  }
  const records = await redriveDeadLetters(kafka, chosen, { by: args.by, replicationFactor: config.kafka.replicationFactor });
  if (args.json) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  else process.stdout.write(`re-drove ${records.length} message(s)${records.map((record) => `\n  ${record.letter} → ${record.to}`).join('')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
