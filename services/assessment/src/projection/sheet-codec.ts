import { COUNTERS, type Counter, type Counters, type SubjectKind } from '../domain/counters';

/*
 * Sheet rows are stored as short strings, not nested documents: FerretDB 1.24
 * decodes every field of every document it touches, and a sheet of 300
 * subjects with named counters takes ~15× longer to read or write than the
 * same sheet with one string per subject. Ids are URI-encoded, so the
 * separators never occur inside them.
 */

export interface Row {
  kind: SubjectKind;
  counters: Counters;
  /** org units the subject belongs under */
  scope: string[];
}

const KIND_CODES: Record<SubjectKind, string> = { MEMBER: 'M', UNIT: 'U' };

/** A map key for an id: field names may not contain '.' or start with '$'. */
export function keyOf(id: string): string {
  return encodeURIComponent(id).replace(/\./g, '%2E');
}

export function idOfKey(key: string): string {
  return decodeURIComponent(key);
}

/** `U|1,0,2,…|city,district,…` (counters in COUNTERS order, scope URI-encoded). */
export function encodeRow(row: Row): string {
  return `${KIND_CODES[row.kind]}|${COUNTERS.map((name) => row.counters[name]).join(',')}|${row.scope.map(encodeURIComponent).join(',')}`;
}

export function decodeRow(text: string): Row {
  const [kind, counters, scope] = text.split('|');
  const values = counters.split(',').map(Number);
  return {
    kind: kind === 'M' ? 'MEMBER' : 'UNIT',
    counters: Object.fromEntries(COUNTERS.map((name: Counter, index) => [name, values[index] || 0])) as Counters,
    scope: scope ? scope.split(',').map(decodeURIComponent) : [],
  };
}

/** Households of one owner with the position of the message that first reached each: `h1=p;h2=p`. */
export function encodeClaims(claims: ReadonlyMap<string, string>): string {
  return [...claims].map(([household, position]) => `${encodeURIComponent(household)}=${encodeURIComponent(position)}`).join(';');
}

export function decodeClaims(text: string | undefined): Map<string, string> {
  if (!text) return new Map();
  return new Map(
    text.split(';').map((pair) => {
      const [household, position] = pair.split('=');
      return [decodeURIComponent(household), decodeURIComponent(position)];
    }),
  );
}
