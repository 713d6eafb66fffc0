// Ended sign-ins: a member's token stops working at the gateway as soon as the
// member's state on steward.members.v1 says its sign-in has ended, long before
// the token expires. The gateway judges member tokens that carry session
// claims (stw_sid, stw_cv) by its replica of that topic (shared/auth
// sessionRevoked); members writes those claims and publishes status,
// credentialsVersion and endedSessions.
import { graphql, graphqlData, waitFor } from '@steward/testing';
import { codeOf, PASSWORD, startAttackWorld, type AttackWorld, type SignedInMember } from './attack-world';

/** What the gateway answers a bearer token: the HTTP status and the first error's code and reason. */
async function answerTo(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me { id } }' }) });
  const body = (await response.json()) as { data?: { me?: { id: string } }; errors?: { extensions?: { code?: string; reason?: string } }[] };
  return { status: response.status, id: body.data?.me?.id, code: body.errors?.[0]?.extensions?.code, reason: body.errors?.[0]?.extensions?.reason };
}

describe('attack: a token outliving its sign-in (会话吊销)', () => {
  let world: AttackWorld;
  let leaving: SignedInMember;
  let staying: SignedInMember;

  beforeAll(async () => {
    world = await startAttackWorld(1100, 'atk-sess');
    leaving = await world.member('离岗网格员', world.units.taipingGrid, 'GRID_MEMBER');
    staying = await world.member('在岗网格员', world.units.baguaGrid, 'GRID_MEMBER');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("refuses a deactivated member's earlier token with 401 TOKEN_REVOKED within seconds, and keeps serving the others", async () => {
    expect(await answerTo(world.url, leaving.headers)).toEqual({ status: 200, id: leaving.id, code: undefined, reason: undefined });

    // the administrator ends the member's role and deactivates them (离岗)
    const { member } = await graphqlData<{ member: { assignments: { id: string }[] } }>(world.url, 'query($id: ID!) { member(id: $id) { assignments { id } } }', { id: leaving.id });
    for (const { id } of member.assignments) await graphqlData(world.url, 'mutation($id: ID!) { endAssignment(id: $id) { id } }', { id });
    const deactivated = await graphql<{ updateMember: { status: string } }>(world.url, 'mutation($id: ID!) { updateMember(id: $id, input: { status: INACTIVE }) { status } }', { id: leaving.id });
    expect(codeOf(deactivated)).toBeUndefined();
    expect(deactivated.data?.updateMember.status).toBe('INACTIVE');

    const refused = await waitFor(
      async () => {
        const answer = await answerTo(world.url, leaving.headers);
        return answer.status === 401 ? answer : undefined;
      },
      { description: "the gateway refusing the deactivated member's token", timeoutMs: 15_000 },
    );
    expect(refused).toEqual({ status: 401, id: undefined, code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    // it stays refused, while other members' tokens keep working
    expect(await answerTo(world.url, leaving.headers)).toMatchObject({ status: 401, reason: 'TOKEN_REVOKED' });
    expect(await answerTo(world.url, staying.headers)).toEqual({ status: 200, id: staying.id, code: undefined, reason: undefined });
  });

  /** Polls until the gateway refuses `headers` as revoked; fails after 15 s. */
  async function refusedAsRevoked(headers: Record<string, string>, description: string) {
    return waitFor(
      async () => {
        const answer = await answerTo(world.url, headers);
        return answer.status === 401 ? answer : undefined;
      },
      { description, timeoutMs: 15_000 },
    );
  }
  const REVOKED = { status: 401, id: undefined, code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' };

  it('signOut ends the token it is called with, and only that sign-in', async () => {
    const member = await world.member('退出网格员', world.units.taipingGrid, 'GRID_MEMBER');
    const otherDevice = await world.signIn(member.phone);
    expect(await graphqlData(world.url, 'mutation { signOut }', {}, member.headers)).toEqual({ signOut: true });
    expect(await refusedAsRevoked(member.headers, 'the signed-out token to be refused')).toEqual(REVOKED);
    expect(await answerTo(world.url, otherDevice)).toEqual({ status: 200, id: member.id, code: undefined, reason: undefined });
  });

  it('signOutEverywhere ends every earlier sign-in of the member; a new sign-in works', async () => {
    const member = await world.member('全部退出网格员', world.units.baguaGrid, 'GRID_MEMBER');
    const otherDevice = await world.signIn(member.phone);
    expect(await graphqlData(world.url, 'mutation { signOutEverywhere }', {}, member.headers)).toEqual({ signOutEverywhere: true });
    expect(await refusedAsRevoked(member.headers, 'the first token to be refused')).toEqual(REVOKED);
    expect(await refusedAsRevoked(otherDevice, 'the other device to be refused')).toEqual(REVOKED);
    const fresh = await world.signIn(member.phone);
    expect(await answerTo(world.url, fresh)).toEqual({ status: 200, id: member.id, code: undefined, reason: undefined });
  });

  it('a password change ends the tokens issued before it (a stolen token dies with the old password)', async () => {
    const member = await world.member('改密网格员', world.units.danyangGrid, 'GRID_MEMBER');
    const stolen = await world.signIn(member.phone);
    const changed = await graphql(world.url, 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }', { c: PASSWORD, n: 'brand-new-password-2026' }, member.headers);
    expect(codeOf(changed)).toBeUndefined();
    expect(await refusedAsRevoked(stolen, 'the token from before the change to be refused')).toEqual(REVOKED);
    const fresh = await world.signIn(member.phone, 'brand-new-password-2026');
    expect(await answerTo(world.url, fresh)).toEqual({ status: 200, id: member.id, code: undefined, reason: undefined });
  });

  it('the end of a role ends the tokens that carry it', async () => {
    const member = await world.member('卸任网格员', world.units.taipingGrid, 'GRID_MEMBER');
    const { member: record } = await graphqlData<{ member: { assignments: { id: string }[] } }>(world.url, 'query($id: ID!) { member(id: $id) { assignments { id } } }', { id: member.id });
    await graphqlData(world.url, 'mutation($id: ID!) { endAssignment(id: $id) { id } }', { id: record.assignments[0].id });
    expect(await refusedAsRevoked(member.headers, 'the token with the ended role to be refused')).toEqual(REVOKED);
  });
});
