import { BadUserInputError, type FieldProblem } from '@steward/errors';
import { z } from 'zod';

/**
 * Category-specific typed fields (类别专属字段): what a report of a category
 * must or may tell besides the common fields, e.g. the affected area
 * (受影响面积, 亩) of a water and irrigation problem. A category definition
 * is data, versioned: an administrator stores a new version, and a ticket
 * keeps the version it was reported under (`categoryVersion`), so its
 * labels and checks never change after the report. Pure: no framework.
 */

/** A category code: stored on tickets and events, never renamed nor reused (retire with active=false). */
export const CATEGORY_CODE = /^[A-Z][A-Z0-9_]{1,49}$/;
/** A field key: stable across versions, the Open311 attribute code and the event's key. */
export const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const FIELD_TYPES = ['INTEGER', 'DECIMAL', 'TEXT', 'CHOICE', 'BOOLEAN'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const MAX_FIELDS = 20;
export const MAX_OPTIONS = 50;
export const MAX_EXAMPLES = 20;
/** The most categories the catalogue holds, retired ones included (the list's cost bound). */
export const MAX_CATEGORIES = 200;
export const DEFAULT_TEXT_MAX_LENGTH = 500;
const MAX_TEXT_LENGTH = 2000;
const MAX_DECIMALS = 6;

const label = z.string().trim().min(1, 'must not be empty').max(50);
const bound = z.number().finite().nullable().default(null);

export const fieldOptionSchema = z.strictObject({
  value: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -, e.g. DRY_LAND'),
  label,
  labelEn: label,
});
export type FieldOption = z.infer<typeof fieldOptionSchema>;

export const fieldDefinitionSchema = z.strictObject({
  key: z.string().trim().regex(FIELD_KEY, 'a key such as affectedArea (letters, digits, _; starting with a lower-case letter)'),
  label,
  labelEn: label,
  type: z.enum(FIELD_TYPES),
  /** the unit of a number, e.g. 亩, 米, 户 */
  unit: z.string().trim().min(1).max(10).nullable().default(null),
  required: z.boolean().default(false),
  /** bounds of INTEGER and DECIMAL values, inclusive */
  min: bound,
  max: bound,
  /** DECIMAL: most digits after the point (default 2) */
  decimals: z.number().int().min(0).max(MAX_DECIMALS).nullable().default(null),
  /** TEXT: most characters (default 500) */
  maxLength: z.number().int().min(1).max(MAX_TEXT_LENGTH).nullable().default(null),
  /** CHOICE: the values to choose from */
  options: z.array(fieldOptionSchema).max(MAX_OPTIONS).default([]),
});
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const categoryDefinitionSchema = z
  .strictObject({
    code: z.string().trim().regex(CATEGORY_CODE, 'an upper-case code such as ROADS'),
    name: label,
    nameEn: z.string().trim().min(1, 'must not be empty').max(100),
    examples: z.array(z.string().trim().min(1).max(50)).max(MAX_EXAMPLES).default([]),
    active: z.boolean().default(true),
    fields: z.array(fieldDefinitionSchema).max(MAX_FIELDS).default([]),
  })
  .superRefine((definition, ctx) => {
    for (const problem of definitionProblems(definition.fields)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });
export type CategoryDefinition = z.infer<typeof categoryDefinitionSchema>;

/** One stored version of a category. Version 1 of the built-in categories is categories.json. */
export interface CategoryVersion extends CategoryDefinition {
  version: number;
  /** when and by whom it was stored; null for the built-in data */
  createdAt: Date | null;
  createdBy: string | null;
}

export type FieldValue = string | number | boolean;

/** A value as a ticket stores it (and the reported event carries it): typed by the field's type. */
export interface StoredFieldValue {
  key: string;
  value: FieldValue;
}

/** A value as a report gives it: text, parsed by the field's type. */
export interface FieldInput {
  key: string;
  value: string;
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/** What is wrong with a list of field definitions besides their shapes: duplicate keys, options and bounds that do not fit the type. */
export function definitionProblems(fields: readonly FieldDefinition[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = (name: string) => ['fields', index, name];
    if (seen.has(field.key)) problems.push({ path: at('key'), message: `字段键 ${field.key} 重复 / duplicate field key ${field.key}` });
    seen.add(field.key);
    const numeric = field.type === 'INTEGER' || field.type === 'DECIMAL';
    if (field.type === 'CHOICE') {
      if (field.options.length === 0) problems.push({ path: at('options'), message: '选项字段至少要有一个选项 / a CHOICE field needs options' });
      const values = new Set(field.options.map((option) => option.value));
      if (values.size !== field.options.length) problems.push({ path: at('options'), message: '选项值重复 / duplicate option values' });
    } else if (field.options.length > 0) {
      problems.push({ path: at('options'), message: `只有选项字段有选项 / only a CHOICE field has options, not ${field.type}` });
    }
    if (!numeric) {
      for (const name of ['min', 'max', 'unit'] as const) {
        if (field[name] !== null) problems.push({ path: at(name), message: `只有数值字段有${name === 'unit' ? '单位' : '上下限'} / only INTEGER and DECIMAL fields have ${name}` });
      }
    }
    if (field.type !== 'DECIMAL' && field.decimals !== null) problems.push({ path: at('decimals'), message: '只有小数字段有小数位数 / only a DECIMAL field has decimals' });
    if (field.type !== 'TEXT' && field.maxLength !== null) problems.push({ path: at('maxLength'), message: '只有文本字段有最大长度 / only a TEXT field has maxLength' });
    if (field.min !== null && field.max !== null && field.min > field.max) problems.push({ path: at('min'), message: '下限大于上限 / min is greater than max' });
    if (field.type === 'INTEGER') {
      for (const name of ['min', 'max'] as const) {
        const value = field[name];
        if (value !== null && !Number.isSafeInteger(value)) problems.push({ path: at(name), message: '整数字段的上下限须为整数 / an INTEGER field has whole bounds' });
      }
    }
  });
  return problems;
}

/**
 * What a new version may not change of the previous one: a field key keeps
 * its type (stored values and the warehouse read a key as one type); a field
 * that should change its type is retired and a new key added.
 */
export function versionProblems(previous: Pick<CategoryDefinition, 'fields'>, next: Pick<CategoryDefinition, 'fields'>): Problem[] {
  const before = new Map(previous.fields.map((field) => [field.key, field]));
  return next.fields.flatMap((field, index) => {
    const old = before.get(field.key);
    return old && old.type !== field.type
      ? [{ path: ['fields', index, 'type'], message: `字段 ${field.key} 原为 ${old.type}，类型不可更改（请改用新键）/ field ${field.key} was ${old.type}: a key keeps its type, add a new key instead` }]
      : [];
  });
}

function named(field: FieldDefinition): string {
  return `${field.label}（${field.key}, ${field.labelEn}）`;
}

const INTEGER_TEXT = /^[+-]?\d{1,15}$/;
const DECIMAL_TEXT = /^[+-]?\d{1,15}(\.\d+)?$/;
const TRUE_TEXT = new Set(['true', '1', 'yes', '是']);
const FALSE_TEXT = new Set(['false', '0', 'no', '否']);

function boundsMessage(field: FieldDefinition): string {
  const unit = field.unit ? ` ${field.unit}` : '';
  if (field.min !== null && field.max !== null) return `须在 ${field.min}–${field.max}${unit} 之间 / must be between ${field.min} and ${field.max}${unit}`;
  if (field.min !== null) return `须不小于 ${field.min}${unit} / must be at least ${field.min}${unit}`;
  return `须不大于 ${field.max}${unit} / must be at most ${field.max}${unit}`;
}

/** The typed value of `text` for `field`, or the problem (Chinese / English). */
export function parseFieldValue(field: FieldDefinition, text: string): { value: FieldValue } | { problem: string } {
  const trimmed = text.trim();
  switch (field.type) {
    case 'INTEGER':
    case 'DECIMAL': {
      const integer = field.type === 'INTEGER';
      if (!(integer ? INTEGER_TEXT : DECIMAL_TEXT).test(trimmed)) {
        return { problem: integer ? `须为整数 / must be a whole number, not "${trimmed.slice(0, 20)}"` : `须为数字 / must be a number, not "${trimmed.slice(0, 20)}"` };
      }
      const decimals = field.decimals ?? 2;
      const fraction = trimmed.split('.')[1] ?? '';
      if (!integer && fraction.length > decimals) return { problem: `最多 ${decimals} 位小数 / at most ${decimals} decimal places` };
      const value = Number(trimmed);
      if ((field.min !== null && value < field.min) || (field.max !== null && value > field.max)) return { problem: boundsMessage(field) };
      return { value: Object.is(value, -0) ? 0 : value };
    }
    case 'TEXT': {
      const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      if ([...trimmed].length > max) return { problem: `最多 ${max} 个字 / at most ${max} characters` };
      return { value: trimmed };
    }
    case 'CHOICE': {
      const option = field.options.find((candidate) => candidate.value === trimmed);
      if (!option) return { problem: `须为 ${field.options.map((candidate) => candidate.value).join('、')} 之一 / must be one of ${field.options.map((candidate) => candidate.value).join(', ')}` };
      return { value: option.value };
    }
    case 'BOOLEAN': {
      const lower = trimmed.toLowerCase();
      if (TRUE_TEXT.has(lower)) return { value: true };
      if (FALSE_TEXT.has(lower)) return { value: false };
      return { problem: '须为 true 或 false（是/否）/ must be true or false' };
    }
  }
}

/**
 * The typed values of a report's `inputs` for a category version: every
 * value parsed by its field's type and checked against its bounds, every
 * required field given, no unknown or repeated key; an empty value is no
 * value. BAD_USER_INPUT naming each field in Chinese and English otherwise
 * (path `input.fields.<key>`). The values come out in the fields' order.
 */
export function parseFieldValues(category: Pick<CategoryVersion, 'code' | 'version' | 'fields'>, inputs: readonly FieldInput[]): StoredFieldValue[] {
  const problems: FieldProblem[] = [];
  const given = new Map<string, string>();
  for (const input of inputs) {
    if (given.has(input.key)) problems.push({ path: `input.fields.${input.key}`, message: `字段 ${input.key} 重复 / field ${input.key} is given twice` });
    given.set(input.key, input.value);
  }
  const known = new Set(category.fields.map((field) => field.key));
  for (const key of given.keys()) {
    if (!known.has(key)) {
      problems.push({
        path: `input.fields.${key}`,
        message: `类别 ${category.code} 没有字段 ${key} / category ${category.code} (version ${category.version}) has no field ${key.slice(0, 40)}`,
      });
    }
  }
  const values: StoredFieldValue[] = [];
  for (const field of category.fields) {
    const text = given.get(field.key);
    if (text === undefined || text.trim() === '') {
      if (field.required) problems.push({ path: `input.fields.${field.key}`, message: `${named(field)}：必填 / is required` });
      continue;
    }
    const parsed = parseFieldValue(field, text);
    if ('problem' in parsed) problems.push({ path: `input.fields.${field.key}`, message: `${named(field)}：${parsed.problem}` });
    else values.push({ key: field.key, value: parsed.value });
  }
  if (problems.length > 0) throw new BadUserInputError(problems.map((problem) => problem.message).join('; '), problems);
  return values;
}

/** A stored value as text that a report takes back: 12.5, true, DRY_LAND. */
export function fieldValueText(value: FieldValue): string {
  return String(value);
}

/** One value of a ticket as a person reads it, with its field's labels from the ticket's own category version. */
export interface FieldDisplay {
  key: string;
  label: string;
  labelEn: string;
  type: FieldType;
  unit: string | null;
  /** the value as a report gives it: 12.5, true, DRY_LAND */
  value: string;
  /** the value as a person reads it: 12.5 亩, 是, 旱地 */
  displayValue: string;
}

/**
 * A ticket's stored values as people read them, in the fields' order of the
 * version; a value whose key the version lacks (not written by the report
 * path) is shown under its key.
 */
export function displayFieldValues(fields: readonly FieldDefinition[], values: readonly StoredFieldValue[]): FieldDisplay[] {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const order = new Map(fields.map((field, index) => [field.key, index]));
  return [...values]
    .sort((a, b) => (order.get(a.key) ?? fields.length) - (order.get(b.key) ?? fields.length))
    .map(({ key, value }) => {
      const field = byKey.get(key);
      if (!field) return { key, label: key, labelEn: key, type: 'TEXT', unit: null, value: fieldValueText(value), displayValue: fieldValueText(value) };
      return { key, label: field.label, labelEn: field.labelEn, type: field.type, unit: field.unit, value: fieldValueText(value), displayValue: displayOf(field, value) };
    });
}

function displayOf(field: FieldDefinition, value: FieldValue): string {
  switch (field.type) {
    case 'BOOLEAN':
      return value === true ? '是' : '否';
    case 'CHOICE':
      return field.options.find((option) => option.value === value)?.label ?? String(value);
    case 'INTEGER':
    case 'DECIMAL':
      return field.unit ? `${String(value)} ${field.unit}` : String(value);
    case 'TEXT':
      return String(value);
  }
}
