/**
 * Runs the work on one key one after another, in call order, within this
 * process. Only an optimisation in front of the write claims (see
 * write-claims.ts): writers of one process wait here instead of colliding on
 * the claim; what makes writes safe across instances is the claim.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Runs `work` after its turn on every key of `keys`, taken in sorted order so
   * that two multi-key callers cannot wait on each other; `work` must not queue
   * on one of these keys itself.
   */
  runAll<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const queued = sorted.reduceRight<() => Promise<T>>((inner, key) => () => this.run(key, inner), work);
    return queued();
  }

  /** Keys in use or waited for. */
  get size(): number {
    return this.tails.size;
  }
}
