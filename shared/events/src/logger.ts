/**
 * The logging surface this package needs; a pino logger satisfies it.
 * Every call takes a context object first and a message second (pino's order).
 */
export interface EventLogger {
  info(context: object, message?: string): void;
  warn(context: object, message?: string): void;
  error(context: object, message?: string): void;
}

export const silentLogger: EventLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
