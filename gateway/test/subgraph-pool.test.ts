// The gateway's pooled subgraph fetch against real sockets: which failures of
// its client (undici's pooled request, pooled-fetch.ts) and of Node's fetch are
// retried on the next instance, and which are not.
// (The rules themselves: gateway/src/subgraph-pool.spec.ts.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pooledFetch, subgraphAgent, type Fetcher } from '../src/pooled-fetch';
import { UrlPool } from '../src/subgraph-pool';
import { poolFetcher } from '../src/subgraph-source';

const QUERY = JSON.stringify({ query: '{ me { id } }' });
const MUTATION = JSON.stringify({ query: 'mutation { signOut }' });

interface Instance {
  url: string;
  /** requests that reached the app */
  received: number;
  close: () => Promise<void>;
}

/** An HTTP server on a free port whose requests `handle` answers (or not). */
async function instance(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Instance> {
  const server = http.createServer((req, res) => {
    state.received++;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: Instance = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

const answering = () =>
  instance((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"data":{}}');
  });
/** Reads the request, then resets the connection: a process that died with the request in hand. */
const resetting = () => instance((req) => req.socket.resetAndDestroy());
/** Never answers. */
const hanging = () => instance(() => undefined);
/** A URL nothing listens on (a killed process): connections are refused. */
async function refusing(): Promise<Instance> {
  const gone = await instance(() => undefined);
  await gone.close();
  return gone;
}

const agent = subgraphAgent();
afterAll(() => agent.close());

describe.each<[string, Fetcher]>([
  ["undici's pooled request (the gateway's client)", pooledFetch(agent)],
  ["Node's fetch", fetch],
])('the pooled subgraph fetch on real sockets, through %s', (_client, client) => {
  const started: Instance[] = [];
  const start = async (make: () => Promise<Instance>) => {
    const made = await make();
    started.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((made) => made.close().catch(() => undefined)));
  });

  async function send(first: Instance, second: Instance, body: string, signal?: AbortSignal) {
    const pool = new UrlPool([first.url, second.url]);
    const downs: string[] = [];
    const fetcher = poolFetcher(pool, (url, failure) => downs.push(`${url === first.url ? 'first' : 'second'} ${failure}`), client);
    const outcome = await fetcher(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal }).then(
      async (response) => ({ answered: (await response.json()) as unknown }),
      // (not `instanceof Error`: fetch's errors come from another realm than jest's)
      (error: unknown) => ({ failed: typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error) }),
    );
    return { outcome, downs, health: [pool.healthOf(first.url), pool.healthOf(second.url)] };
  }

  it.each([
    ['a query', QUERY],
    ['a mutation', MUTATION],
  ])('sends %s refused by a dead instance to the next one', async (_label, body) => {
    const [dead, live] = [await start(refusing), await start(answering)];
    expect(await send(dead, live, body)).toEqual({ outcome: { answered: { data: {} } }, downs: ['first refused'], health: ['down', 'unknown'] });
    expect(live.received).toBe(1);
  });

  it('sends a query again after the connection was reset before the response', async () => {
    const [broken, live] = [await start(resetting), await start(answering)];
    expect(await send(broken, live, QUERY)).toEqual({ outcome: { answered: { data: {} } }, downs: ['first reset'], health: ['down', 'unknown'] });
    expect([broken.received, live.received]).toEqual([1, 1]);
  });

  it('does not send a mutation again after a reset: the instance had it and may have run it', async () => {
    const [broken, live] = [await start(resetting), await start(answering)];
    expect(await send(broken, live, MUTATION)).toEqual({ outcome: { failed: expect.any(String) }, downs: ['first reset'], health: ['down', 'unknown'] });
    expect([broken.received, live.received]).toEqual([1, 0]);
  });

  it('does not send a request again after a timeout', async () => {
    const [slow, live] = [await start(hanging), await start(answering)];
    const result = await send(slow, live, QUERY, AbortSignal.timeout(300));
    expect(result.outcome).toEqual({ failed: expect.stringMatching(/aborted|timeout/i) });
    expect(result.downs).toEqual([]);
    expect([slow.received, live.received]).toEqual([1, 0]);
  });
});
