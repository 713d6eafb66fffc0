import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { buildAsyncApiDocument } from './asyncapi';
import { eventDefinitions } from './catalogue';
import type { EventDefinition } from './define-event';
import { type JsonValue, toYaml } from './yaml';

export const JSON_SCHEMA_DIR = 'json-schema';
export const ASYNCAPI_FILE = 'asyncapi.yaml';

/**
 * The JSON Schema (draft-07) of the whole envelope of one event type. It is
 * zod's *input* view, so objects leave `additionalProperties` open: readers
 * must accept fields added later within the same v1.
 */
export function eventJsonSchema(definition: EventDefinition): { [key: string]: JsonValue } {
  return z.toJSONSchema(definition.envelopeSchema, { target: 'draft-7', io: 'input' }) as {
    [key: string]: JsonValue;
  };
}

export function jsonSchemaFileName(eventType: string): string {
  return `${eventType}.schema.json`;
}

/** Every generated artifact, path relative to the schemas folder → content. */
export function renderSchemaArtifacts(): Map<string, string> {
  const files = new Map<string, string>();
  for (const definition of eventDefinitions) {
    const path = `${JSON_SCHEMA_DIR}/${jsonSchemaFileName(definition.type)}`;
    files.set(path, `${JSON.stringify(eventJsonSchema(definition), null, 2)}\n`);
  }
  files.set(ASYNCAPI_FILE, toYaml(buildAsyncApiDocument()));
  return files;
}

/**
 * Writes one JSON Schema file per event type into `<outDir>/json-schema/` and
 * the AsyncAPI document to `<outDir>/asyncapi.yaml`; schema files of types no
 * longer in the catalogue are removed. Returns the written paths.
 */
export function exportJsonSchemas(outDir: string): string[] {
  const artifacts = renderSchemaArtifacts();
  const schemaDir = join(outDir, JSON_SCHEMA_DIR);
  mkdirSync(schemaDir, { recursive: true });
  for (const existing of readdirSync(schemaDir)) {
    if (!artifacts.has(`${JSON_SCHEMA_DIR}/${existing}`)) rmSync(join(schemaDir, existing));
  }
  const written: string[] = [];
  for (const [relativePath, content] of artifacts) {
    const path = join(outDir, relativePath);
    writeFileSync(path, content);
    written.push(path);
  }
  return written;
}

/**
 * The artifacts in `outDir` that differ from the generated ones: stale or
 * missing files, and schema files of types no longer in the catalogue (paths
 * relative to `outDir`, sorted). Empty when `exportJsonSchemas` would change nothing.
 */
export function staleSchemaArtifacts(outDir: string): string[] {
  const artifacts = renderSchemaArtifacts();
  const differing = [...artifacts]
    .filter(([relativePath, content]) => {
      const file = join(outDir, relativePath);
      return !existsSync(file) || readFileSync(file, 'utf8') !== content;
    })
    .map(([relativePath]) => relativePath);
  const schemaDir = join(outDir, JSON_SCHEMA_DIR);
  const leftOver = existsSync(schemaDir)
    ? readdirSync(schemaDir)
        .map((file) => `${JSON_SCHEMA_DIR}/${file}`)
        .filter((relativePath) => !artifacts.has(relativePath))
    : [];
  return [...differing, ...leftOver].sort();
}
