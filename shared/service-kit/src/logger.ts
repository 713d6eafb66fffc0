import type { LoggerService } from '@nestjs/common';
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

/** Routes Nest's own log lines into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
