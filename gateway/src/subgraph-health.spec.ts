import type { Logger } from '@steward/service-kit/core';
import { SubgraphHealthPoller } from './subgraph-health';
import { UrlPool } from './subgraph-pool';

const ONE = 'http://127.0.0.1:4003/graphql';
const TWO = 'http://127.0.0.1:6003/graphql';

function recordingLogger() {
  const lines: string[] = [];
  const record = (level: string) => (fields: { url?: string }, message: string) => lines.push(`${level} ${fields.url ?? ''} ${message}`);
  return { lines, logger: { info: record('info'), warn: record('warn'), error: record('error') } as unknown as Logger };
}

describe('SubgraphHealthPoller', () => {
  it.each<[string, boolean[][], string[], string[]]>([
    ['marks ready instances up without a log line at the first poll', [[true, true]], ['up', 'up'], []],
    ['marks an instance that is not ready down and says so once', [[true, false], [true, false]], ['up', 'down'], [`warn ${TWO} subgraph instance not ready: skipped until it is`]],
    [
      'puts an instance back in rotation when it is ready again',
      [[true, true], [true, false], [true, true]],
      ['up', 'up'],
      [`warn ${TWO} subgraph instance not ready: skipped until it is`, `info ${TWO} subgraph instance ready: back in rotation`],
    ],
  ])('%s', async (_label, polls, health, logged) => {
    const pool = new UrlPool([ONE, TWO]);
    const { lines, logger } = recordingLogger();
    let round = 0;
    const poller = new SubgraphHealthPoller({ tickets: pool }, 2000, logger, (url) => Promise.resolve(polls[round][url === ONE ? 0 : 1]));
    for (; round < polls.length; round++) await poller.pollOnce();
    expect([pool.healthOf(ONE), pool.healthOf(TWO)]).toEqual(health);
    expect(lines).toEqual(logged);
  });

  it('keeps a subgraph ready while one of its instances is', async () => {
    const pools = { tickets: new UrlPool([ONE, TWO]), org: new UrlPool(['http://127.0.0.1:4001/graphql']) };
    const poller = new SubgraphHealthPoller(pools, 2000, recordingLogger().logger, (url) => Promise.resolve(url !== TWO));
    await poller.pollOnce();
    expect([pools.tickets.ready, pools.org.ready]).toEqual([true, true]);
  });
});
