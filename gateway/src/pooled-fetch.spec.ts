import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectionFailureOf } from './subgraph-pool';
import { pooledFetch, subgraphAgent } from './pooled-fetch';

describe('pooledFetch', () => {
  const agent = subgraphAgent({ connections: 1 });
  const fetcher = pooledFetch(agent);
  const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string; socket?: number }[] = [];
  let url = '';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body, socket: req.socket.remotePort });
      if (req.url === '/fail') return res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'private' }).end(JSON.stringify({ data: { echo: body } }));
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the method, headers and body, and answers like fetch', async () => {
    const response = await fetcher(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-steward-user': 'abc' }, body: '{"query":"{ a }"}' });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('private');
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"query":"{ a }"}', headers: { 'x-steward-user': 'abc' } });
  });

  it('resolves a response of any status', async () => {
    const response = await fetcher(`${url}/fail`, { method: 'GET' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(503);
    expect(response.statusText).toBe('Service Unavailable');
    expect(await response.text()).toBe('down');
  });

  it('keeps the connection alive between requests', async () => {
    await fetcher(`${url}/graphql`, { method: 'POST', body: '1' });
    await fetcher(`${url}/graphql`, { method: 'POST', body: '2' });
    expect(new Set(seen.map((request) => request.socket)).size).toBe(1);
  });

  it('rejects with a refused connection the pool recognises', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetcher(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' }).catch((caught: unknown) => caught);
    expect(connectionFailureOf(error)).toBe('refused');
  });
});
