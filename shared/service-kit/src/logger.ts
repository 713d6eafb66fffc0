import { trace } from '@opentelemetry/api';
import { currentLogContext } from '@steward/events';
import pino, { type Logger } from 'pino';
import type { ServiceConfig } from './config';

export type { Logger } from 'pino';

/**
 * Fields every line gets from where it is written: the request id of the
 * request being served (`withLogContext`, set by the request middleware), the
 * trace id of the active span (tracing on) or of the event being handled (its
 * `traceparent`, tracing off), and that event's id.
 */
function contextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const logContext = currentLogContext();
  if (logContext?.requestId) fields.requestId = logContext.requestId;
  const span = trace.getActiveSpan()?.spanContext();
  const traceId = span && span.traceId !== '00000000000000000000000000000000' ? span.traceId : logContext?.traceId;
  if (traceId) fields.traceId = traceId;
  if (logContext?.eventId) fields.eventId = logContext.eventId;
  return fields;
}

/** One JSON logger per process; secrets are redacted by path as a second line of defence. */
export function createLogger(config: Pick<ServiceConfig, 'serviceName' | 'logLevel'>): Logger {
  return pino({
    name: config.serviceName,
    level: config.logLevel,
    base: { service: config.serviceName },
    mixin: contextFields,
    redact: {
      paths: ['*.password', '*.token', '*.secret', 'req.headers.authorization', 'req.headers["x-steward-signature"]'],
      censor: '[redacted]',
    },
  });
}
