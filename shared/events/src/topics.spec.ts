import { Topics } from './topic-catalogue';
import { DLQ_RETENTION_MS, topicSpecsFor } from './topics';

describe('topicSpecsFor', () => {
  it('gives an event topic kept forever and its dead-letter topic', () => {
    expect(topicSpecsFor(Topics.ticketEvents)).toEqual([
      {
        name: 'steward.tickets.events.v1',
        partitions: 6,
        config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' },
      },
      {
        name: 'steward.tickets.events.v1.dlq',
        partitions: 1,
        config: { 'cleanup.policy': 'delete', 'retention.ms': String(DLQ_RETENTION_MS) },
      },
    ]);
    expect(DLQ_RETENTION_MS).toBe(2_592_000_000);
  });

  it('gives compacted state topics', () => {
    const [orgUnits, , members] = topicSpecsFor(Topics.orgUnits, Topics.members);
    expect(orgUnits).toMatchObject({ name: 'steward.org.units.v1', partitions: 6, config: { 'cleanup.policy': 'compact' } });
    expect(members).toMatchObject({ name: 'steward.members.v1', config: { 'cleanup.policy': 'compact' } });
  });

  it('refuses a topic outside the catalogue', () => {
    expect(() => topicSpecsFor('steward.unknown.v1')).toThrow(/not in the @steward\/events catalogue/);
  });
});
