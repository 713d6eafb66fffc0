import { HOUSEHOLD_TAGS } from '@steward/events';
import { z } from 'zod';
import { isMobileOrLandline, PHONE_MESSAGE } from './phone';
import { RuleViolation } from './rule-violation';
import type { UnitFacts } from './member-rules';

export { HOUSEHOLD_TAGS };
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

/** A household lives under a grid (网格) that is still active. */
export function checkHouseholdGrid(unit: UnitFacts, path = 'input.gridId'): void {
  if (unit.level !== 'GRID') {
    throw new RuleViolation('HOUSEHOLD_UNIT_NOT_GRID', `Households belong to a GRID; unit ${unit.id} is a ${unit.level}`, {
      path,
      message: 'must be a GRID',
    });
  }
  if (unit.status !== 'ACTIVE') {
    throw new RuleViolation('UNIT_RETIRED', `Grid ${unit.id} is retired (已撤销)`, { path, message: 'retired' });
  }
}

const textSchema = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const phoneSchema = z.string().trim().refine(isMobileOrLandline, PHONE_MESSAGE);
const tagsSchema = z.array(z.enum(HOUSEHOLD_TAGS)).max(HOUSEHOLD_TAGS.length);
const sizeSchema = z.number().int('must be a whole number').min(1, 'at least 1').max(99, 'at most 99');
const keepOmitted = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export const createHouseholdInputSchema = z.object({
  gridId: z.string().min(1, 'must not be empty'),
  address: textSchema(200),
  head: textSchema(50),
  size: sizeSchema,
  tags: tagsSchema.nullish().transform((tags) => [...new Set(tags ?? [])]),
  phone: phoneSchema.nullish().transform((phone) => phone ?? null),
});

/** Every field optional; an omitted (or null) field stays as it is. */
export const updateHouseholdInputSchema = z.object({
  gridId: z.string().min(1, 'must not be empty').nullish().transform(keepOmitted),
  address: textSchema(200).nullish().transform(keepOmitted),
  head: textSchema(50).nullish().transform(keepOmitted),
  size: sizeSchema.nullish().transform(keepOmitted),
  tags: tagsSchema.nullish().transform((tags) => (tags ? [...new Set(tags)] : undefined)),
  phone: phoneSchema.nullish().transform(keepOmitted),
});
