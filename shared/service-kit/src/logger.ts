import pino, { type Logger } from 'pino';
import type { ServiceConfig } from './config';

export type { Logger } from 'pino';

/** One JSON logger per process; secrets are redacted by path as a second line of defence. */
export function createLogger(config: Pick<ServiceConfig, 'serviceName' | 'logLevel'>): Logger {
  return pino({
    name: config.serviceName,
    level: config.logLevel,
    base: { service: config.serviceName },
    redact: {
      paths: ['*.password', '*.token', '*.secret', 'req.headers.authorization', 'req.headers["x-steward-signature"]'],
      censor: '[redacted]',
    },
  });
}
