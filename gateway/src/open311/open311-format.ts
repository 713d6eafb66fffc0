import { XMLBuilder } from 'fast-xml-parser';
import { Open311Error } from './open311-errors';

/**
 * Serialisation of Open311 GeoReport v2 answers: every resource comes as
 * `.json` or `.xml` (the path's extension). JSON as the specification's
 * examples show it (null fields kept); XML with the specification's element
 * names, a null as an empty element, `true`/`false` for booleans. Pure.
 */
export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A value of an answer: what JSON and the XML element tree both hold. */
export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

/** `services.json` → `{ resource: 'services', format: 'json' }`; anything else: 404. */
export function splitExtension(segment: string): { resource: string; format: Open311Format } {
  const match = /^(.+)\.(json|xml)$/.exec(segment);
  if (!match) throw new Open311Error(404, `Not an Open311 resource: ${segment.slice(0, 80)} (add .json or .xml)`);
  return { resource: match[1], format: match[2] as Open311Format };
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** The element of each item of a list field in XML, as the specification writes them (`<attributes><attribute>…`). */
const XML_ITEMS: Readonly<Record<string, string>> = { attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' };

/** Nulls as empty elements, booleans and numbers as text, a list field as its wrapper element of repeated items. */
function xmlValue(value: Open311Value): unknown {
  if (value === null) return '';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(xmlValue);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, Array.isArray(inner) ? { [XML_ITEMS[key] ?? 'item']: inner.map(xmlValue) } : xmlValue(inner)]),
    );
  }
  return value;
}

/**
 * A list answer: JSON is the array of items; XML is `<root><item>…</item>…</root>`
 * (`services`/`service`, `service_requests`/`request`, `errors`/`error`).
 */
export function renderList(format: Open311Format, root: string, item: string, items: readonly Record<string, Open311Value>[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xmlDocument({ [root]: { [item]: items.map((entry) => xmlValue(entry)) } });
}

/** A single-object answer: JSON the object; XML `<root>…</root>` (`service_definition`, `discovery`). */
export function renderObject(format: Open311Format, root: string, body: Record<string, Open311Value>): string {
  if (format === 'json') return JSON.stringify(body);
  return xmlDocument({ [root]: xmlValue(body) });
}

function xmlDocument(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree) as string}`;
}

/** The specification's error answer: `[{"code":403,"description":"…"}]` or `<errors><error><code>403</code>…`. */
export function renderErrors(format: Open311Format, errors: readonly Open311Error[]): string {
  return renderList(
    format,
    'errors',
    'error',
    errors.map((error) => ({ code: error.status, description: error.description })),
  );
}
