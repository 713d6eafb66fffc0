import { DocumentLocks } from './document-locks';

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
  it('runs writes to the same document one after another, in call order', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const first = locks.run('doc-1', a.write);
    const second = locks.run('doc-1', b.write);
    await Promise.resolve();
    b.release();
    a.release();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets writes to different documents overlap', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const first = locks.run('doc-1', a.write);
    const second = locks.run('doc-2', b.write);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a start', 'b start']);
    a.release();
    b.release();
    await Promise.all([first, second]);
  });

  it('goes on after a failed write', async () => {
    const locks = new DocumentLocks();
    const failed = locks.run('doc-1', () => Promise.reject(new Error('boom')));
    const next = locks.run('doc-1', () => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
