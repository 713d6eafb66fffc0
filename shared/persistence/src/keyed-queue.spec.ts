import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A write that records when it starts and finishes, finishing when `release` is called. */
function controlledWrite(log: string[], name: string) {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    release: () => release(),
    write: async () => {
      log.push(`${name} start`);
      await done;
      log.push(`${name} end`);
      return name;
    },
  };
}

describe('KeyedQueue', () => {
  it('runs work on one key one at a time, in call order, even when a later one would finish first', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const first = queue.run('doc-1', a.write);
    const second = queue.run('doc-1', b.write);
    await tick();
    b.release();
    a.release();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(queue.size).toBe(0);
  });

  it('lets different keys run side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const first = queue.run('doc-1', a.write);
    const second = queue.run('doc-2', b.write);
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    a.release();
    b.release();
    await Promise.all([first, second]);
  });

  it('releases the key when the work fails', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run('doc-1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('doc-1', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(queue.size).toBe(0);
  });

  it('runAll waits for every key and holds them all, whatever order two callers name them in', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const single = controlledWrite(log, 'single b');
    const held = queue.run('b', single.write);
    const ab = queue.runAll(['a', 'b'], async () => {
      log.push('ab');
    });
    const ba = queue.runAll(['b', 'a', 'b'], async () => {
      log.push('ba');
    });
    const laterA = queue.run('a', async () => {
      log.push('later a');
    });
    await tick();
    expect(log).toEqual(['single b start']);
    single.release();
    await Promise.all([held, ab, ba, laterA]);
    expect(log).toEqual(['single b start', 'single b end', 'ab', 'ba', 'later a']);
    expect(queue.size).toBe(0);
  });
});
