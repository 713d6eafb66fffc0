import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while serving one request or handling one
 * event carries beside its own fields: the request id (`x-request-id`) and the
 * trace id (from the event's `traceparent` when no span is active, e.g. with
 * tracing off). The service logger (`@steward/service-kit` createLogger) adds
 * them to each line; nothing else reads them.
 */
export interface LogContext {
  requestId?: string;
  traceId?: string;
  eventId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with these fields on every log line it writes (nested calls add to the outer fields). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields of the request or event being served, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
