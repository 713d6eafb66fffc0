import { Inflight } from './inflight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('Inflight', () => {
  const copying = () => new Inflight<{ n: number }>((result) => ({ ...result }));

  it('starts identical work once while it is in flight and gives each caller its own copy', async () => {
    const inflight = copying();
    const work = deferred<{ n: number }>();
    let started = 0;
    const start = () => {
      started += 1;
      return work.promise;
    };
    const both = Promise.all([inflight.run('a', start), inflight.run('a', start)]);
    expect(inflight.size).toBe(1);
    work.resolve({ n: 1 });
    const [first, second] = await both;
    expect(started).toBe(1);
    expect(first).toEqual({ n: 1 });
    expect(first).not.toBe(second);
  });

  it('runs other keys on their own and starts again once the work settled', async () => {
    const inflight = copying();
    let started = 0;
    const start = async () => ({ n: ++started });
    expect(await Promise.all([inflight.run('a', start), inflight.run('b', start)])).toEqual([{ n: 1 }, { n: 2 }]);
    expect(inflight.size).toBe(0);
    expect(await inflight.run('a', start)).toEqual({ n: 3 });
  });

  it('gives every waiting caller the failure, then forgets it', async () => {
    const inflight = copying();
    const work = deferred<{ n: number }>();
    const both = Promise.allSettled([inflight.run('a', () => work.promise), inflight.run('a', () => work.promise)]);
    work.reject(new Error('subgraph down'));
    expect((await both).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(inflight.size).toBe(0);
    expect(await inflight.run('a', async () => ({ n: 7 }))).toEqual({ n: 7 });
  });
});
