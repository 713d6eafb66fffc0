import { randomBytes } from 'node:crypto';

/** Endpoints of the local infrastructure started by `npm run infra:up`. */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const MONGO_URL =
  process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true&retryWrites=false';

/** A name no other test run uses, so tests can share one Kafka and one FerretDB. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
