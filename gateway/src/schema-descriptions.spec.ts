import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql';

/**
 * Every description in the composed supergraph is bilingual, one convention:
 * its first line is `中文说明 / English description` (Chinese first, then
 * ` / `, then English); further lines are free. Checked: every object type,
 * interface, input type, enum, union and scalar (the root operation types
 * excepted: code first gives them no description), every field and input
 * field, every argument and every enum value. Federation and link internals
 * (join__*, link__*, _Service, _Any, _Entity, _entities, _service) and
 * directives are left out.
 */

const FEDERATION_TYPES = new Set(['_Service', '_Any', '_Entity']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const CJK = /[\u3400-\u9fff]/;

/** Why a description is not `中文 / English`, or null when it is. */
export function bilingualProblem(description: string | null | undefined): string | null {
  if (!description) return 'no description';
  const [first = ''] = description.split('\n');
  const separator = first.indexOf(' / ');
  if (separator <= 0) return 'first line has no " / " between Chinese and English';
  // the Chinese part may quote codes (ISO 周, `within`) but holds no English prose
  const chinese = first.slice(0, separator).replace(/`[^`]*`/g, '');
  if (!CJK.test(chinese)) return 'no Chinese before " / "';
  if (/[A-Za-z]{2,} [a-z]{2,}/.test(chinese)) return 'English words before " / ": Chinese comes first';
  if (!/[A-Za-z]{2,}/.test(first.slice(separator + 3))) return 'no English after " / "';
  return null;
}

function checkedTypes(types: readonly GraphQLNamedType[]): GraphQLNamedType[] {
  return types.filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type) && !/^(join__|link__)/.test(type.name) && !FEDERATION_TYPES.has(type.name),
  );
}

/** `coordinate: problem (description)` for every description of the schema that breaks the convention. */
export function offendingDescriptions(sdl: string): string[] {
  const schema = buildSchema(sdl);
  const offences: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    const problem = bilingualProblem(description);
    if (problem) offences.push(`${coordinate}: ${problem}${description ? ` (${JSON.stringify(description.split('\n')[0])})` : ''}`);
  };
  for (const type of checkedTypes(Object.values(schema.getTypeMap()))) {
    if (!ROOT_TYPES.has(type.name)) check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return offences;
}

describe('bilingual descriptions', () => {
  it.each([
    ['工单 / A ticket', null],
    ['最多返回的户数（1–500，默认 100） / At most this many households\nmore lines, any language', null],
    ['ISO 周，如 2026-W48 / ISO week, e.g. 2026-W48', null],
    [undefined, 'no description'],
    ['A ticket (工单)', 'first line has no " / " between Chinese and English'],
    ['Completion rate (办结率) = resolved / received', 'English words before " / ": Chinese comes first'],
    ['Ticket / A ticket', 'no Chinese before " / "'],
    ['工单 / 工单', 'no English after " / "'],
  ])('%j: %s', (description, problem) => {
    expect(bilingualProblem(description)).toBe(problem);
  });

  it('every type, field, argument and enum value of the supergraph reads 中文说明 / English description', () => {
    const sdl = readFileSync(path.join(__dirname, '../supergraph.graphql'), 'utf8');
    // on failure: fix the descriptions in services/<name>/src/graphql, then `npm run compose`
    expect(offendingDescriptions(sdl)).toEqual([]);
  });
});
