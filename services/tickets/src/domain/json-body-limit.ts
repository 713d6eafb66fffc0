/** Base64 of `maxBytes` plus room for the rest of a GraphQL request: the service's JSON body limit. */
export function jsonBodyLimitFor(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4 + 256 * 1024;
}
