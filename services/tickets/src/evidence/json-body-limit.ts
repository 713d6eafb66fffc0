import type { HttpAdapterHost } from '@nestjs/core';

interface BodyParserAdapter {
  useBodyParser?(type: 'json', rawBody: boolean, options: { limit: number }): unknown;
}

/** Base64 of `maxBytes` plus room for the rest of a GraphQL request. */
export function jsonBodyLimitFor(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4 + 256 * 1024;
}

/**
 * Nest installs its JSON parser (limit 100 kB) at init only when none is in
 * place; installing one first, while the providers are built, lets base64
 * evidence through. Belongs in @steward/service-kit's runService (a body
 * limit option) once that can take it.
 */
export function raiseJsonBodyLimit(host: HttpAdapterHost, limit: number): void {
  (host.httpAdapter as unknown as BodyParserAdapter | undefined)?.useBodyParser?.('json', false, { limit });
}
