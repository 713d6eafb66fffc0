import { BadUserInputError } from '@steward/errors';
import { parseFieldValues, type CategoryVersion, type FieldInput, type StoredFieldValue } from './category-fields';
import { isLocationLevel, type TicketCatalogue } from './ticket-catalogue';
import type { TicketStep } from './ticket-facts';
import type { TicketDeadlines, UnitFacts } from './ticket-rules';
import type { TicketLevel } from './ticket-state-machine';
import type { TicketChannel, TicketPriority } from './ticket-terms';

export interface ReporterFacts {
  name: string | null;
  phone: string | null;
  householdId: string | null;
  anonymous: boolean;
}

export interface IntakeCommand {
  category: string;
  channel: TicketChannel;
  priority: TicketPriority;
  /** where the problem is: a grid, natural village, administrative village or township */
  unitId: string;
  reporter: ReporterFacts | null;
  /** the category's typed fields (类别专属字段), values as text; checked against the category's current version */
  fields?: readonly FieldInput[];
}

export interface IntakeContext {
  now: Date;
  /** the signed-in member entering the report; null for an administrator, a service account or the system */
  reportingMemberId: string | null;
  unit(id: string): UnitFacts | undefined;
  /** the current version of a category (the database's, see CategoryCatalogue), undefined for an unknown code */
  currentCategory(code: string): CategoryVersion | undefined;
  catalogue: TicketCatalogue;
  deadlines: TicketDeadlines;
}

export interface IntakePlan {
  level: TicketLevel;
  location: UnitFacts;
  responsible: UnitFacts;
  acceptDueAt: Date;
  /** the category version the report was checked against, and its typed values */
  categoryVersion: number;
  categoryFields: StoredFieldValue[];
  step: TicketStep;
}

/**
 * Checks a report against the catalogue and the org tree and routes it: the
 * dispatch catalogue gives the start level for (category, location level),
 * the responsible unit is the location or its ancestor at that level.
 */
export function planIntake(command: IntakeCommand, ctx: IntakeContext): IntakePlan {
  const category = ctx.currentCategory(command.category);
  if (!category || !category.active) {
    throw new BadUserInputError(`Unknown category ${command.category}`, [
      { path: 'input.category', message: 'not in the category catalogue' },
    ]);
  }
  const location = ctx.unit(command.unitId);
  if (!location) {
    throw new BadUserInputError(`Unit ${command.unitId} is unknown`, [{ path: 'input.unitId', message: 'unknown unit' }]);
  }
  if (location.status !== 'ACTIVE') {
    throw new BadUserInputError(`Unit ${location.name} is retired`, [{ path: 'input.unitId', message: 'retired unit' }]);
  }
  if (!isLocationLevel(location.level)) {
    throw new BadUserInputError(`A ticket is located at a grid, village or township, not a ${location.level}`, [
      { path: 'input.unitId', message: 'must be a GRID, NATURAL_VILLAGE, ADMIN_VILLAGE or TOWNSHIP' },
    ]);
  }
  const channel = ctx.catalogue.channel(command.channel);
  const reporter = command.reporter;
  if (channel.requiresReporter && (!reporter || (!reporter.anonymous && !reporter.name))) {
    throw new BadUserInputError(`A ${command.channel} report names its reporter (or marks them anonymous)`, [
      { path: 'input.reporter', message: 'name or anonymous required for this channel' },
    ]);
  }
  if (channel.enteredBy === 'MEMBER' && !ctx.reportingMemberId) {
    throw new BadUserInputError(`A ${command.channel} report is entered by a member signed in as themselves (网格员本人上报)`, [
      { path: 'input.channel', message: 'only a signed-in member reports through this channel' },
    ]);
  }
  const categoryFields = parseFieldValues(category, command.fields ?? []);
  const level = ctx.catalogue.startLevel(category.code, location.level);
  const responsible =
    location.level === level
      ? location
      : location.ancestors.map((id) => ctx.unit(id)).find((unit): unit is UnitFacts => unit?.level === level);
  if (!responsible || responsible.status !== 'ACTIVE') {
    throw new BadUserInputError(`No active ${level} above ${location.name} to take a ${category.code} ticket`, [
      { path: 'input.unitId', message: `no active ${level} above this unit` },
    ]);
  }
  const acceptDueAt = ctx.deadlines.acceptDueAt({ category: category.code, priority: command.priority, level }, ctx.now);
  return {
    level,
    location,
    responsible,
    acceptDueAt,
    categoryVersion: category.version,
    categoryFields,
    step: {
      action: 'report',
      from: null,
      to: 'REPORTED',
      note: null,
      evidenceIds: [],
      automatic: false,
      changes: {},
      event: { type: 'reported', categoryVersion: category.version, categoryFields },
    },
  };
}
