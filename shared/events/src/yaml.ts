/**
 * A small YAML 1.2 emitter for JSON values (block style, two-space indent).
 * Strings that could be read as something else are written double-quoted in
 * JSON syntax, which YAML 1.2 accepts as-is.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PLAIN_STRING = /^[A-Za-z_][A-Za-z0-9_ ./()'-]*$/;
const YAML_KEYWORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

export function toYaml(value: JsonValue): string {
  return `${renderBlock(value, 0).join('\n')}\n`;
}

function renderBlock(value: JsonValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => renderEntry(`${pad}-`, item, indent + 2));
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, item]) => renderEntry(`${pad}${renderKey(key)}:`, item, indent + 2));
  }
  return [`${pad}${renderScalar(value)}`];
}

function renderEntry(prefix: string, value: JsonValue, childIndent: number): string[] {
  const isEmptyCollection = (Array.isArray(value) || isObject(value)) && Object.keys(value).length === 0;
  if (isEmptyCollection) return [`${prefix} ${Array.isArray(value) ? '[]' : '{}'}`];
  if (Array.isArray(value) || isObject(value)) {
    if (prefix.trimStart() === '-') {
      // "- key: value" style: first line shares the dash
      const [first, ...rest] = renderBlock(value, childIndent);
      return [`${prefix} ${first.trimStart()}`, ...rest];
    }
    return [prefix, ...renderBlock(value, childIndent)];
  }
  return [`${prefix} ${renderScalar(value)}`];
}

function renderKey(key: string): string {
  return PLAIN_KEY.test(key) && !YAML_KEYWORDS.has(key.toLowerCase()) ? key : JSON.stringify(key);
}

function renderScalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plain = PLAIN_STRING.test(value) && !YAML_KEYWORDS.has(value.toLowerCase()) && !value.endsWith(' ');
  return plain ? value : JSON.stringify(value);
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
