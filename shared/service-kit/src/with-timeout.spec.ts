import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('answers what the promise answers when it settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, 'late')).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000, 'late')).rejects.toThrow('refused');
  });

  it('rejects with the message when the promise has not settled in time', async () => {
    await expect(withTimeout(new Promise<never>(() => undefined), 5, 'mongo did not answer')).rejects.toThrow('mongo did not answer');
  });
});
