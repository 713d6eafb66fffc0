// A reader of the Kafka topics (the data warehouse, or anyone who gets at the
// brokers) must find no names, phones or addresses in clear: member and
// household state events carry ids, placement, status and tags only.
import { Topics } from '@steward/events';
import { graphqlData, TopicReader, waitFor } from '@steward/testing';
import { startAttackWorld, type AttackWorld } from './attack-world';

describe('attack: reading personal data off the state topics', () => {
  let world: AttackWorld;
  const members = new TopicReader(Topics.members);
  const households = new TopicReader(Topics.households);

  beforeAll(async () => {
    await Promise.all([members.start(), households.start()]);
    world = await startAttackWorld(1310, 'atk-pii');
  }, 300_000);

  afterAll(async () => {
    await Promise.all([members.stop(), households.stop(), world?.stop()]);
  });

  it('publishes a member (created, given a role, renamed) without their name or phone', async () => {
    const member = await world.member('欧阳秘密', world.units.taipingGrid, 'GRID_MEMBER');
    await graphqlData(world.url, 'mutation($id: ID!) { updateMember(id: $id, input: { name: "欧阳更名" }) { id } }', { id: member.id });
    const records = await waitFor(() => (members.of(member.id).length >= 3 ? members.of(member.id) : undefined), {
      description: "the member's state records",
      timeoutMs: 30_000,
    });
    for (const record of records) {
      expect(record.raw).not.toContain('欧阳');
      expect(record.raw).not.toContain(member.phone);
      expect(record.data).not.toHaveProperty('name');
    }
    expect(records.at(-1)?.data).toMatchObject({ id: member.id, status: 'ACTIVE', assignments: [expect.objectContaining({ orgUnitId: world.units.taipingGrid, role: 'GRID_MEMBER' })] });
  });

  it('publishes a household without its head, address or phone, but with its grid and tags', async () => {
    const phone = world.phone();
    const { createHousehold } = await waitFor(
      () =>
        graphqlData<{ createHousehold: { id: string } }>(world.url, 'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }', {
          input: { gridId: world.units.taipingGrid, address: '太平村秘密组99号', head: '司马隐私', size: 2, tags: ['ELDERLY_ALONE'], phone },
        }),
      { description: 'members to know the grid' },
    );
    const [record] = await waitFor(() => (households.of(createHousehold.id).length > 0 ? households.of(createHousehold.id) : undefined), {
      description: "the household's state record",
      timeoutMs: 30_000,
    });
    for (const secret of ['司马隐私', '秘密组99号', phone]) expect(record.raw).not.toContain(secret);
    expect(record.data).toEqual({ id: createHousehold.id, gridId: world.units.taipingGrid, orgPath: expect.arrayContaining([world.units.taiping, world.units.taipingGrid]), size: 2, tags: ['ELDERLY_ALONE'] });
  });
});
