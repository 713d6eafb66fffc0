import { COUNTERS, type Counter, type Counters, type SubjectKind } from '../domain/counters';

/*
 * A sheet is stored as one string, not as nested documents or a field per
 * subject: FerretDB 1.24 decodes every field of every document it touches. A
 * sheet of 300 subjects with named counters took ~15× longer to read or write
 * than the same sheet with one string per subject, and a sheet of 7,000
 * subjects with one string each ~7× longer (writes; reads ~5×) than the same
 * rows packed into one string. Ids are URI-encoded, so the separators never
 * occur inside keys or values.
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
  const [kind, counterText, scope] = text.split('|');
  const values = counterText.split(',');
  const counters = {} as Counters;
  COUNTERS.forEach((name: Counter, index) => (counters[name] = Number(values[index]) || 0));
  return {
    kind: kind === 'M' ? 'MEMBER' : 'UNIT',
    counters,
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

/** Entries (key → encoded row or claims) as one string: `key\tvalue\nkey\tvalue`. */
export function packEntries(entries: Iterable<readonly [string, string]>): string {
  return Array.from(entries, ([key, value]) => `${key}\t${value}`).join('\n');
}

/** The entries of `base` with `changed` applied (changed values in place, new keys last), without copying `base`. */
export function* withChanges(base: ReadonlyMap<string, string> | undefined, changed: ReadonlyMap<string, string>): Generator<readonly [string, string]> {
  for (const [key, value] of base ?? []) yield [key, changed.get(key) ?? value];
  for (const entry of changed) if (!base?.has(entry[0])) yield entry;
}

/** The entries of a stored sheet: packed (`p`), or a field each (`legacy`, as earlier versions wrote them). */
export function unpackEntries(packed: string | undefined, legacy?: Record<string, string>): Map<string, string> {
  const entries = new Map<string, string>(legacy ? Object.entries(legacy) : []);
  if (!packed) return entries;
  for (const line of packed.split('\n')) {
    const tab = line.indexOf('\t');
    entries.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return entries;
}
