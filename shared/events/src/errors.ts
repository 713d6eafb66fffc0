import type { z } from 'zod';

/** Thrown when an envelope or its data does not match the catalogue schema. */
export class EventValidationError extends Error {
  constructor(
    message: string,
    readonly issues: readonly z.core.$ZodIssue[],
    readonly eventType?: string,
  ) {
    super(message);
    this.name = 'EventValidationError';
  }
}

/** Thrown when an event type is not in the catalogue. */
export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`Unknown event type "${eventType}": it is not in the @steward/events catalogue`);
    this.name = 'UnknownEventTypeError';
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
