import { BadUserInputError } from '@steward/errors';

/**
 * Stable codes of the members domain rules, sent as `extensions.rule` beside
 * `extensions.code: BAD_USER_INPUT`, so clients can branch on the rule broken.
 */
export const RULE_CODES = [
  'MEMBER_INACTIVE',
  'ROLE_NEEDS_PARTY_MEMBER',
  'ROLE_NEEDS_NON_PARTY_MEMBER',
  'ROLE_UNIT_LEVEL_MISMATCH',
  'UNIT_RETIRED',
  'ASSIGNMENT_OVERLAP',
  'ASSIGNMENT_ALREADY_ENDED',
  'ASSIGNMENT_END_BEFORE_START',
  'PARTY_CHANGE_CONFLICTS_WITH_ROLE',
  'MEMBER_HAS_OPEN_ASSIGNMENTS',
  'HOUSEHOLD_UNIT_NOT_GRID',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** A BAD_USER_INPUT that names the broken rule and the offending input field. */
export class RuleViolation extends BadUserInputError {
  constructor(
    readonly rule: RuleCode,
    message: string,
    problem: { path: string; message: string },
  ) {
    super(message, [problem]);
    this.details.rule = rule;
  }
}
