#!/usr/bin/env node
/*
 * Recomputes the assessment counters from the ticket and visit topics (offset
 * 0) into a fresh generation and points the running service at it:
 *
 *   node services/assessment/dist/cli/rebuild.js [--topics a,b] [--no-swap] [--round-size N]
 *
 * --round-size: messages applied in memory between two writes (default 200,000;
 * larger rounds write the long periods' sheets less often and take more memory).
 *
 * Reads the same environment as the service (MONGO_URL, MONGO_DB,
 * KAFKA_BROKERS, ASSESSMENT_TICKET_TOPIC, ASSESSMENT_VISIT_TOPIC).
 */
import { setWriteClaimsMode } from '@steward/persistence';
import { ConfigError, createKafka, createLogger, loadServiceConfig } from '@steward/service-kit';
import { MongoClient } from 'mongodb';
import { loadAssessmentSettings } from '../application/assessment.config';
import { rebuild } from '../application/rebuild';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  // reads and writes storage only: answers no requests, so it needs no user-context key
  const config = loadServiceConfig('assessment', 4005, process.env, { servesRequests: false });
  const settings = loadAssessmentSettings();
  const topics = option('--topics')?.split(',').filter(Boolean) ?? settings.topics;
  const roundSize = option('--round-size');
  if (roundSize !== undefined && !/^[1-9]\d*$/.test(roundSize)) throw new ConfigError([`--round-size must be a positive integer, not ${roundSize}`]);
  const logger = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const client = await MongoClient.connect(config.mongo.url, { retryWrites: false, serverSelectionTimeoutMS: 10_000 });
  setWriteClaimsMode(client, config.writeClaims);
  try {
    const result = await rebuild({
      db: client.db(config.mongo.dbName),
      kafka: createKafka(config, logger),
      topics,
      logger,
      replicationFactor: config.kafka.replicationFactor,
      swap: !process.argv.includes('--no-swap'),
      roundSize: roundSize === undefined ? undefined : Number(roundSize),
    });
    const swapped = result.previous === null ? 'not swapped in (--no-swap)' : `swapped in for ${result.previous}`;
    process.stdout.write(
      `assessment rebuilt into generation ${result.generation} (${swapped}) from ${topics.join(', ')}: ` +
        `${result.events} events in ${result.seconds.toFixed(1)} s = ${result.eventsPerSecond} events/s\n`,
    );
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`assessment rebuild failed: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
