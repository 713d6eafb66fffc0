import { connectionFailureOf, sendThroughPool, UrlPool, type UrlHealth } from './subgraph-pool';

const A = 'http://127.0.0.1:4003/graphql';
const B = 'http://127.0.0.1:6003/graphql';
const C = 'http://127.0.0.1:8003/graphql';

function poolWith(health: Record<string, UrlHealth>): UrlPool {
  const pool = new UrlPool(Object.keys(health));
  for (const [url, state] of Object.entries(health)) if (state !== 'unknown') pool.report(url, state === 'up');
  return pool;
}

/** What `fetch` of undici rejects with when the socket fails (the socket error is the `cause`). */
function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('UrlPool', () => {
  it.each<[string, Record<string, UrlHealth>, string[]]>([
    ['goes round the URLs in turn', { [A]: 'up', [B]: 'up', [C]: 'up' }, [A, B, C, A, B]],
    ['treats URLs not yet polled as healthy', { [A]: 'unknown', [B]: 'unknown' }, [A, B, A]],
    ['skips a URL that is down', { [A]: 'up', [B]: 'down', [C]: 'up' }, [A, C, A, C]],
    ['keeps to the one healthy URL', { [A]: 'down', [B]: 'up', [C]: 'down' }, [B, B, B]],
    ['tries every URL in turn when all are down', { [A]: 'down', [B]: 'down' }, [A, B, A]],
    ['has one URL only', { [A]: 'down' }, [A, A]],
  ])('%s', (_label, health, picks) => {
    const pool = poolWith(health);
    expect(picks.map(() => pool.pick())).toEqual(picks);
  });

  it.each<[string, Record<string, UrlHealth>, string, string | undefined]>([
    ['the next healthy URL after a failed one', { [A]: 'up', [B]: 'up', [C]: 'up' }, A, B],
    ['past a URL that is down', { [A]: 'up', [B]: 'down', [C]: 'up' }, A, C],
    ['a URL that is down when no other is healthy', { [A]: 'down', [B]: 'down' }, A, B],
    ['nothing when the failed URL is the only one', { [A]: 'down' }, A, undefined],
  ])('picks for a retry %s', (_label, health, failed, expected) => {
    expect(poolWith(health).pickOtherThan(failed)).toBe(expected);
  });

  it('uses a URL again once a health poll finds it ready', () => {
    const pool = poolWith({ [A]: 'up', [B]: 'down' });
    expect([pool.pick(), pool.pick()]).toEqual([A, A]);
    expect(pool.report(B, true)).toBe('down');
    expect([pool.pick(), pool.pick()]).toEqual([B, A]);
  });

  it.each<[string, Record<string, UrlHealth>, boolean]>([
    ['not polled yet', { [A]: 'unknown', [B]: 'unknown' }, false],
    ['one URL ready', { [A]: 'down', [B]: 'up' }, true],
    ['every URL down', { [A]: 'down', [B]: 'down' }, false],
  ])('is ready with %s', (_label, health, ready) => {
    expect(poolWith(health).ready).toBe(ready);
  });

  it.each([
    ['no URL', []],
    ['the same URL twice', [A, A]],
  ])('refuses %s', (_label, urls) => {
    expect(() => new UrlPool(urls)).toThrow();
  });
});

describe('connectionFailureOf', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a refused connection', fetchFailed('ECONNREFUSED'), 'refused'],
    ['a reset before the response', fetchFailed('ECONNRESET'), 'reset'],
    ['a socket the other side closed (undici)', fetchFailed('UND_ERR_SOCKET'), 'reset'],
    ['a write to a closed socket', fetchFailed('EPIPE'), 'reset'],
    ['a socket error without fetch around it', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'refused'],
    ['a timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), undefined],
    ['a headers timeout (undici)', fetchFailed('UND_ERR_HEADERS_TIMEOUT'), undefined],
    ['an unknown host', fetchFailed('ENOTFOUND'), undefined],
    ['an error without a code', new Error('boom'), undefined],
    ['a thrown string', 'boom', undefined],
  ])('%s', (_label, error, expected) => {
    expect(connectionFailureOf(error)).toBe(expected);
  });
});

describe('sendThroughPool', () => {
  /** A sender whose answer per URL is a value or an error; records the URLs it was called with. */
  function sender(outcomes: Record<string, string | Error>) {
    const calls: string[] = [];
    const send = (url: string) => {
      calls.push(url);
      const outcome = outcomes[url];
      return typeof outcome === 'string' ? Promise.resolve(outcome) : Promise.reject(outcome);
    };
    return { calls, send };
  }

  it.each<[string, Record<string, string | Error>, boolean, string[], string | RegExp, UrlHealth[]]>([
    ['answers from the first URL', { [A]: 'a', [B]: 'b' }, false, [A], 'a', ['up', 'up']],
    ['retries a refused connection on the next URL, even a write', { [A]: fetchFailed('ECONNREFUSED'), [B]: 'b' }, false, [A, B], 'b', ['down', 'up']],
    ['retries a read after a reset', { [A]: fetchFailed('ECONNRESET'), [B]: 'b' }, true, [A, B], 'b', ['down', 'up']],
    ['does not retry a write after a reset (it may have run)', { [A]: fetchFailed('ECONNRESET'), [B]: 'b' }, false, [A], /fetch failed/, ['down', 'up']],
    ['does not retry a timeout', { [A]: new DOMException('timeout', 'TimeoutError'), [B]: 'b' }, true, [A], /timeout/, ['up', 'up']],
    ['retries once only', { [A]: fetchFailed('ECONNREFUSED'), [B]: fetchFailed('ECONNREFUSED') }, true, [A, B], /fetch failed/, ['down', 'down']],
  ])('%s', async (_label, outcomes, retryAfterReset, calls, result, health) => {
    const pool = poolWith({ [A]: 'up', [B]: 'up' });
    const { calls: made, send } = sender(outcomes);
    const downs: string[] = [];
    const sent = sendThroughPool(pool, { send, retryAfterReset, onDown: (url, failure) => downs.push(`${url} ${failure}`) });
    if (typeof result === 'string') await expect(sent).resolves.toBe(result);
    else await expect(sent).rejects.toThrow(result);
    expect(made).toEqual(calls);
    expect([pool.healthOf(A), pool.healthOf(B)]).toEqual(health);
    expect(downs).toHaveLength(health.filter((state) => state === 'down').length);
  });

  it('does not retry when the failed URL is the only one', async () => {
    const pool = new UrlPool([A]);
    const { calls, send } = sender({ [A]: fetchFailed('ECONNREFUSED') });
    await expect(sendThroughPool(pool, { send, retryAfterReset: true })).rejects.toThrow('fetch failed');
    expect(calls).toEqual([A]);
  });
});
