import { AsyncLocalStorage } from 'node:async_hooks';
import { GroupCommit } from './group-commit';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('GroupCommit', () => {
  it('writes items submitted in one turn together, and those submitted during a write in the next one', async () => {
    const groups: number[][] = [];
    const firstWrite = deferred();
    const commit = new GroupCommit<number>(async (items) => {
      groups.push(items);
      if (groups.length === 1) await firstWrite.promise;
    });
    const first = [commit.submit(1), commit.submit(2), commit.submit(3)];
    await new Promise((resolve) => setImmediate(resolve));
    const later = [commit.submit(4), commit.submit(5)];
    firstWrite.resolve();
    await Promise.all([...first, ...later]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it("fails every item of a failed write, and writes later items afresh", async () => {
    let fail = true;
    const written: string[][] = [];
    const commit = new GroupCommit<string>(async (items) => {
      if (fail) throw new Error('the store is down');
      written.push(items);
    });
    const results = await Promise.allSettled([commit.submit('a'), commit.submit('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await commit.submit('c');
    expect(written).toEqual([['c']]);
  });

  it('resolves an item only once its own write is done', async () => {
    const write = deferred();
    const commit = new GroupCommit<string>(() => write.promise);
    let done = false;
    const submitted = commit.submit('x').then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    write.resolve();
    await submitted;
    expect(done).toBe(true);
  });

  it("writes each group in the async context of its first item (its trace, its log context)", async () => {
    const request = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const commit = new GroupCommit<number>(async () => {
      seen.push(request.getStore());
    });
    await Promise.all([request.run('first', () => commit.submit(1)), request.run('second', () => commit.submit(2))]);
    await request.run('third', () => commit.submit(3));
    expect(seen).toEqual(['first', 'third']);
  });
});
