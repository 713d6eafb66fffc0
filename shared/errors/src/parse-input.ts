import type { z } from 'zod';
import { BadUserInputError } from './index';

/**
 * Validates a mutation's input with a zod schema; every problem is reported
 * with its path under `prefix` (e.g. `input.title`) in one BAD_USER_INPUT error.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new BadUserInputError(`Invalid input: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}
