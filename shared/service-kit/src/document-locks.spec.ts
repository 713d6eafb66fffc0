import type { Collection, UpdateResult } from 'mongodb';
import { DocumentLocks, lockKeyOf } from './document-locks';

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

describe('DocumentLocks', () => {
  it('runs work on one key one at a time, in call order, even when a later one would finish first', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const first = locks.run('doc-1', a.write);
    const second = locks.run('doc-1', b.write);
    await tick();
    b.release();
    a.release();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(locks.size).toBe(0);
  });

  it('lets different keys run side by side', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const first = locks.run('doc-1', a.write);
    const second = locks.run('doc-2', b.write);
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    a.release();
    b.release();
    await Promise.all([first, second]);
  });

  it('releases the key when the work fails', async () => {
    const locks = new DocumentLocks();
    await expect(locks.run('doc-1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(locks.run('doc-1', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(locks.size).toBe(0);
  });

  it('runAll waits for every key and holds them all, whatever order two callers name them in', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const single = controlledWrite(log, 'single b');
    const held = locks.run('b', single.write);
    const ab = locks.runAll(['a', 'b'], async () => {
      log.push('ab');
    });
    const ba = locks.runAll(['b', 'a', 'b'], async () => {
      log.push('ba');
    });
    const laterA = locks.run('a', async () => {
      log.push('later a');
    });
    await tick();
    expect(log).toEqual(['single b start']);
    single.release();
    await Promise.all([held, ab, ba, laterA]);
    expect(log).toEqual(['single b start', 'single b end', 'ab', 'ba', 'later a']);
    expect(locks.size).toBe(0);
  });

  it('guard makes updateOne by _id wait for the document lock and leaves other calls alone', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const raw = {
      collectionName: 'units',
      updateOne: async (filter: { _id: unknown }) => {
        log.push(`update ${String(filter._id)}`);
        return { matchedCount: 1 } as UpdateResult;
      },
      findOne(this: { collectionName: string }) {
        return this.collectionName;
      },
    } as unknown as Collection<{ _id: string; outbox: unknown[] }>;
    const guarded = locks.guard(raw);
    const write = controlledWrite(log, 'service');
    const serviceWrite = locks.run('u1', write.write);
    const relayRemoval = guarded.updateOne({ _id: 'u1' }, { $pullAll: { outbox: [] } });
    const otherDocument = guarded.updateOne({ _id: 'u2' }, { $pullAll: { outbox: [] } });
    await tick();
    expect(log).toEqual(['service start', 'update u2']);
    write.release();
    await Promise.all([serviceWrite, relayRemoval, otherDocument]);
    expect(log).toEqual(['service start', 'update u2', 'service end', 'update u1']);
    expect(guarded.collectionName).toBe('units');
    expect((guarded as unknown as { findOne(): string }).findOne()).toBe('units');
  });

  it('keys a filter by a single _id only', () => {
    expect(lockKeyOf({ _id: 'u1', version: 3 })).toBe('u1');
    expect(lockKeyOf({ _id: 7 })).toBe('7');
    expect(lockKeyOf({ _id: { toHexString: () => 'abc' } })).toBe('abc');
    expect(lockKeyOf({ _id: { $in: ['a', 'b'] } })).toBeUndefined();
    expect(lockKeyOf({ status: 'OPEN' })).toBeUndefined();
  });
});
