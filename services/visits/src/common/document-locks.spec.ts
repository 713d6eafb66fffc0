import { DocumentLocks } from './document-locks';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DocumentLocks', () => {
  it('runs work on one key one at a time, in call order', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([locks.run('v1', step('a')), locks.run('v1', step('b')), locks.run('v1', step('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(locks.size).toBe(0);
  });

  it('lets different keys run side by side', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    await Promise.all(
      ['v1', 'v2'].map((key) =>
        locks.run(key, async () => {
          log.push(`${key} start`);
          await tick();
          log.push(`${key} end`);
        }),
      ),
    );
    expect(log).toEqual(['v1 start', 'v2 start', 'v1 end', 'v2 end']);
  });

  it('releases the key when the work fails', async () => {
    const locks = new DocumentLocks();
    await expect(locks.run('v1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(locks.run('v1', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(locks.size).toBe(0);
  });
});
