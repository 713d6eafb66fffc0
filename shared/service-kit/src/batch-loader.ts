import type { BatchResult } from '@steward/persistence';
import DataLoader from 'dataloader';

/** One call for many keys: one result per key, in the keys' order. */
export type BatchLoad<K, T> = (keys: readonly K[]) => Promise<readonly BatchResult<T>[]>;

/** The batches of one request, by name; a request is its GraphQL context object. */
const batchesOf = new WeakMap<object, Map<string, DataLoader<unknown, unknown, string>>>();

/**
 * Loads `key` in the request's batch called `name` (DataLoader): every load of
 * that name the resolvers make in one tick of one request (the references of
 * one `_entities` call, a field of every item of a list) becomes one call of
 * `load` with the distinct keys, and a key asked twice in the request is read
 * once. `name` stands for one `load` (and for the caller's access and
 * arguments it closes over): the first load of a name in a request fixes it,
 * so put into the name whatever else the batch depends on (e.g. the period).
 * `keyOf` turns a composite key into the string it is remembered by.
 */
export function loadInBatch<K, T>(context: object, name: string, key: K, load: BatchLoad<K, T>, keyOf: (key: K) => string = String): Promise<T | null> {
  let batches = batchesOf.get(context);
  if (!batches) {
    batches = new Map();
    batchesOf.set(context, batches);
  }
  let loader = batches.get(name) as DataLoader<K, T | null, string> | undefined;
  if (!loader) {
    loader = new DataLoader<K, T | null, string>(async (keys) => {
      const results = await load(keys);
      if (results.length !== keys.length) throw new Error(`batch ${name} answered ${results.length} results for ${keys.length} keys`);
      return results;
    }, { cacheKeyFn: keyOf });
    batches.set(name, loader as DataLoader<unknown, unknown, string>);
  }
  return loader.load(key);
}
