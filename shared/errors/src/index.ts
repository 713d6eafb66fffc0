/**
 * Errors that domain code raises. They carry a stable code that the GraphQL
 * layer puts into `extensions.code`, so clients can branch on it. Free of any
 * framework import so pure domain modules can throw them.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'RATE_LIMITED';

export interface FieldProblem {
  /** Dotted path of the offending input field, e.g. `input.handlerId`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { problems?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super('BAD_USER_INPUT', message, { problems });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first') {
    super('UNAUTHENTICATED', message);
  }
}
/** Too many attempts on one name (a ticket number looked up): the same code the gateway's rate limits answer with. */
export class RateLimitedError extends DomainError {
  constructor(message = 'Too many attempts: retry later') {
    super('RATE_LIMITED', message);
  }
}
export { parseInput } from './parse-input';
