/**
 * Identical work in flight at the same time, done once: the first caller of a
 * key starts it, callers of the same key meanwhile wait for the same outcome
 * (a failure included), and the key is forgotten once it settles, so nothing
 * is cached beyond the request. Each caller gets its own copy of the result.
 */
export class Inflight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  constructor(private readonly copy: (result: T) => T) {}

  /** How many keys are in flight (for tests and metrics). */
  get size(): number {
    return this.pending.size;
  }

  async run(key: string, start: () => Promise<T>): Promise<T> {
    let shared = this.pending.get(key);
    if (!shared) {
      shared = start().finally(() => this.pending.delete(key));
      this.pending.set(key, shared);
    }
    return this.copy(await shared);
  }
}
