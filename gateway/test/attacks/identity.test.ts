// Identity attacks that once succeeded, through the gateway with real
// sign-ins: a village secretary making themself ADMIN, a village taking over
// the account of someone who now serves in another township, a member
// changing their own password without the current one, and a burst of
// guessed passwords outrunning the lock-out. Each is refused with its code and
// changes nothing. Also: a reset forces a change of password at the next
// sign-in, and whatever must end a member's tokens is published on the
// members topic (the gateway's check reads it there).
import { memberState, silentLogger } from '@steward/events';
import { StateReplica } from '@steward/replicas';
import { graphql, graphqlData, KAFKA_BROKERS, MONGO_URL, waitFor, type GraphQLResponse } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import { codeOf, PASSWORD, startAttackWorld, type AttackWorld, type Headers, type SignedInMember } from './attack-world';

const LOGIN = 'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token mustChangePassword viewer { grants { role unitId } } } }';
const SET_PASSWORD = 'mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }';
const CHANGE_PASSWORD = 'mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }';
const ASSIGN_ROLE = 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }';
const UPDATE_MEMBER = 'mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }';
const END_ASSIGNMENT = 'mutation($id: ID!) { endAssignment(id: $id) { id } }';
const MEMBER = 'query($id: ID!) { member(id: $id) { phone status assignments { id unitId role to } } }';

const WRONG_CREDENTIALS = /账号或密码错误/;
const LOCKED = /Too many failed sign-ins/;

interface LoginResult {
  login: { token: string; mustChangePassword: boolean; viewer: { grants: { role: string; unitId: string }[] } };
}
interface MemberView {
  phone: string;
  status: string;
  assignments: { id: string; unitId: string; role: string; to: string | null }[];
}

/** The claims of a token (not verified: the test only reads what members wrote). */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { stw_sid: string; stw_cv: number };
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

describe('identity attacks through the gateway (members)', () => {
  let world: AttackWorld;
  let url: string;
  let mongo: MongoClient;
  let membersDb: Db;
  let states: StateReplica<typeof memberState.schema>;

  /** A sign-in without credentials, as anyone on the internet would try it. */
  const login = (phone: string, password: string) => graphql<LoginResult>(url, LOGIN, { phone, password }, {});
  /** The member as the administrator reads it. */
  const memberAsAdmin = async (id: string) => (await graphqlData<{ member: MemberView }>(url, MEMBER, { id })).member;
  /** The member's latest state on steward.members.v1, once it satisfies `ready`. */
  const publishedState = (id: string, ready: (state: NonNullable<ReturnType<typeof states.get>>) => boolean, description: string) =>
    waitFor(() => {
      const state = states.get(id);
      return state && ready(state) ? state : undefined;
    }, { description });

  beforeAll(async () => {
    // a generous gateway limit on sign-ins, so the throttle under test is the one in members
    world = await startAttackWorld(1000, 'atk-id', { GATEWAY_LOGIN_RATE_LIMIT_IP: '1000' });
    url = world.url;
    mongo = await MongoClient.connect(MONGO_URL);
    membersDb = mongo.db(world.stack.processes.find((entry) => entry.name === 'members')?.env.MONGO_DB);
    const kafka = new Kafka({ clientId: 'identity-attacks', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    states = new StateReplica({ kafka, definition: memberState, owner: 'identity-attacks', logger: silentLogger });
    await states.start();
  });

  afterAll(async () => {
    await states?.stop();
    await mongo?.close();
    await world?.stop();
  });

  describe('1. a village secretary promoting themself', () => {
    let secretary: SignedInMember;
    let gridMember: SignedInMember;

    beforeAll(async () => {
      secretary = await world.member('太平村书记', world.units.taiping, 'VILLAGE_SECRETARY');
      gridMember = await world.member('太平村网格员', world.units.taipingGrid, 'GRID_MEMBER');
    });

    it.each<[string, () => { memberId: string; unitId: string; role: string }]>([
      ['ADMIN of their own village, for themself', () => ({ memberId: secretary.id, unitId: world.units.taiping, role: 'ADMIN' })],
      ['ADMIN of a grid of their village, for one of its members', () => ({ memberId: gridMember.id, unitId: world.units.taipingGrid, role: 'ADMIN' })],
      ['dispatcher of their township (the unit above), for themself', () => ({ memberId: secretary.id, unitId: world.units.qingxi, role: 'TOWNSHIP_DISPATCHER' })],
    ])('is refused: %s', async (_label, input) => {
      const target = input();
      const before = await memberAsAdmin(target.memberId);
      const result = await graphql(url, ASSIGN_ROLE, { input: target }, secretary.headers);
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(await memberAsAdmin(target.memberId)).toEqual(before);
    });

    it('leaves the secretary with the roles they had when they sign in again', async () => {
      const signedIn = await login(secretary.phone, PASSWORD);
      expect(signedIn.data?.login.viewer.grants).toEqual([{ role: 'VILLAGE_SECRETARY', unitId: world.units.taiping }]);
    });

    it('still lets the secretary give the roles they hold the permissions of, in their village', async () => {
      const result = await graphql(url, ASSIGN_ROLE, { input: { memberId: gridMember.id, unitId: world.units.taipingGrid, role: 'GRID_LEADER' } }, secretary.headers);
      expect(result.errors).toBeUndefined();
    });
  });

  describe('2. taking over the account of someone who now serves in another township', () => {
    let secretary: SignedInMember;
    let victim: SignedInMember;
    let before: MemberView;

    beforeAll(async () => {
      secretary = await world.member('太平村书记乙', world.units.taiping, 'VILLAGE_SECRETARY');
      // once a grid member in 太平村, now a dispatcher of 丹阳镇
      victim = await world.member('丹阳镇调度员', world.units.taipingGrid, 'GRID_MEMBER');
      const [ended] = (await memberAsAdmin(victim.id)).assignments;
      await graphqlData(url, END_ASSIGNMENT, { id: ended.id });
      await graphqlData(url, ASSIGN_ROLE, { input: { memberId: victim.id, unitId: world.units.danyang, role: 'TOWNSHIP_DISPATCHER' } });
      before = await memberAsAdmin(victim.id);
    });

    it.each<[string, () => [string, Record<string, unknown>]]>([
      ['setting their password', () => [SET_PASSWORD, { id: victim.id, p: 'hijacked-2026-pass' }]],
      ['changing their sign-in phone', () => [UPDATE_MEMBER, { id: victim.id, input: { phone: world.phone() } }]],
      ['giving them a role in 太平村', () => [ASSIGN_ROLE, { input: { memberId: victim.id, unitId: world.units.taipingGrid, role: 'GRID_MEMBER' } }]],
    ])("refuses the secretary of 太平村 %s", async (_label, operation) => {
      const [mutation, variables] = operation();
      expect(codeOf(await graphql(url, mutation, variables, secretary.headers))).toBe('FORBIDDEN');
    });

    it('refuses ending their role in 丹阳镇', async () => {
      const open = before.assignments.find((assignment) => assignment.to === null)!;
      expect(codeOf(await graphql(url, END_ASSIGNMENT, { id: open.id }, secretary.headers))).toBe('FORBIDDEN');
    });

    it('changed nothing: same record, the old password signs in as the dispatcher, the attacker’s does not', async () => {
      expect(await memberAsAdmin(victim.id)).toEqual(before);
      expect(codeOf(await login(victim.phone, 'hijacked-2026-pass'))).toBe('UNAUTHENTICATED');
      const signedIn = await login(victim.phone, PASSWORD);
      expect(signedIn.data?.login.viewer.grants).toEqual([{ role: 'TOWNSHIP_DISPATCHER', unitId: world.units.danyang }]);
    });
  });

  describe('3. a member setting their own password without the current one', () => {
    let member: SignedInMember;

    beforeAll(async () => {
      member = await world.member('八卦村网格员', world.units.baguaGrid, 'GRID_MEMBER');
    });

    it('is refused with FORBIDDEN, pointing at changeMyPassword; the old password still signs in', async () => {
      const result = await graphql(url, SET_PASSWORD, { id: member.id, p: 'no-questions-2026' }, member.headers);
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(result.errors?.[0].message).toMatch(/changeMyPassword/);
      expect(codeOf(await login(member.phone, 'no-questions-2026'))).toBe('UNAUTHENTICATED');
      expect((await login(member.phone, PASSWORD)).errors).toBeUndefined();
    });

    it('changes it through changeMyPassword only with the current password', async () => {
      const wrong = await graphql(url, CHANGE_PASSWORD, { current: 'not-my-password-1', next: 'my-own-choice-2026' }, member.headers);
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(member.phone, 'my-own-choice-2026'))).toBe('UNAUTHENTICATED');

      expect(await graphqlData(url, CHANGE_PASSWORD, { current: PASSWORD, next: 'my-own-choice-2026' }, member.headers)).toEqual({ changeMyPassword: true });
      expect(codeOf(await login(member.phone, PASSWORD))).toBe('UNAUTHENTICATED');
      const signedIn = await login(member.phone, 'my-own-choice-2026');
      expect(signedIn.data?.login).toMatchObject({ mustChangePassword: false, viewer: { grants: [{ role: 'GRID_MEMBER', unitId: world.units.baguaGrid }] } });
    });
  });

  describe('4. guessing passwords in parallel', () => {
    /** Fires `count` sign-ins at once and sorts the answers. */
    const burst = async (count: number, attempt: () => Promise<GraphQLResponse<unknown>>) => {
      const results = await Promise.all(Array.from({ length: count }, attempt));
      const messages = results.map((result) => `${codeOf(result)}: ${result.errors?.[0]?.message ?? 'signed in'}`);
      return {
        checked: messages.filter((message) => /^UNAUTHENTICATED: /.test(message) && (WRONG_CREDENTIALS.test(message) || /client id or secret is wrong/.test(message))).length,
        locked: messages.filter((message) => /^UNAUTHENTICATED: /.test(message) && LOCKED.test(message)).length,
        messages,
      };
    };
    const failedSignInsOf = (entityId: string, since: Date) => membersDb.collection('audit_log').countDocuments({ action: 'LOGIN_FAILED', entityId, at: { $gte: since } });

    it('checks at most 5 of 40 wrong passwords for one phone, and the right one afterwards is still locked out', async () => {
      const member = await world.member('太平村网格员丙', world.units.taipingGrid, 'GRID_MEMBER');
      const since = new Date();
      const { checked, locked, messages } = await burst(40, () => login(member.phone, 'guess-number-123'));
      expect({ checked, locked }).toEqual({ checked: 5, locked: 35 });
      expect(messages).toHaveLength(40);
      expect(await failedSignInsOf(`${member.phone.slice(0, 3)}****${member.phone.slice(-4)}`, since)).toBe(5);

      const right = await login(member.phone, PASSWORD);
      expect(codeOf(right)).toBe('UNAUTHENTICATED');
      expect(right.errors?.[0].message).toMatch(LOCKED);
    });

    it('counts a phone nobody owns the same way', async () => {
      const nobodys = world.phone();
      const { checked, locked } = await burst(40, () => login(nobodys, 'guess-number-123'));
      expect({ checked, locked }).toEqual({ checked: 5, locked: 35 });
    });

    it('counts service-account sign-ins by client id', async () => {
      const serviceLogin = () => graphql(url, 'mutation { serviceLogin(clientId: "no-such-client", clientSecret: "guess-secret-123") { token } }', {}, {});
      const { checked, locked } = await burst(20, serviceLogin);
      expect({ checked, locked }).toEqual({ checked: 5, locked: 15 });
    });
  });

  describe('a reset by a manager', () => {
    let secretary: SignedInMember;
    let member: SignedInMember;

    const householdsOfGrid = 'query($g: ID!) { households(filter: { gridId: $g }) { totalCount } }';

    beforeAll(async () => {
      secretary = await world.member('八卦村书记', world.units.bagua, 'VILLAGE_SECRETARY');
      member = await world.member('八卦村网格长', world.units.baguaGrid, 'GRID_LEADER');
      await graphqlData(url, 'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }', {
        input: { gridId: world.units.baguaGrid, address: '八卦村一组1号', head: '吴大爷', size: 2, tags: ['ELDERLY_ALONE'] },
      });
    });

    it('forces a change at the next sign-in: the token holds no roles until the member chose a password', async () => {
      expect(await graphqlData(url, SET_PASSWORD, { id: member.id, p: 'given-by-secretary-1' }, secretary.headers)).toEqual({ setMemberPassword: true });
      expect(codeOf(await login(member.phone, PASSWORD))).toBe('UNAUTHENTICATED');

      const restricted = await graphqlData<LoginResult>(url, LOGIN, { phone: member.phone, password: 'given-by-secretary-1' }, {});
      expect(restricted.login).toMatchObject({ mustChangePassword: true, viewer: { grants: [] } });
      const headers = bearer(restricted.login.token);
      // the grid's household is there (see below), but the restricted token reads nothing
      const households = await graphql<{ households: { totalCount: number } }>(url, householdsOfGrid, { g: world.units.baguaGrid }, headers);
      expect(['FORBIDDEN', 0]).toContain(codeOf(households) ?? households.data?.households.totalCount);
      expect(codeOf(await graphql(url, MEMBER, { id: secretary.id }, headers))).toBe('FORBIDDEN');
      expect((await graphqlData<{ me: { id: string } }>(url, '{ me { id } }', {}, headers)).me.id).toBe(member.id);

      expect(await graphqlData(url, CHANGE_PASSWORD, { current: 'given-by-secretary-1', next: 'chosen-by-me-2026' }, headers)).toEqual({ changeMyPassword: true });
      const signedIn = await graphqlData<LoginResult>(url, LOGIN, { phone: member.phone, password: 'chosen-by-me-2026' }, {});
      expect(signedIn.login).toMatchObject({ mustChangePassword: false, viewer: { grants: [{ role: 'GRID_LEADER', unitId: world.units.baguaGrid }] } });
      const readable = await graphqlData<{ households: { totalCount: number } }>(url, householdsOfGrid, { g: world.units.baguaGrid }, bearer(signedIn.login.token));
      expect(readable.households.totalCount).toBe(1);
    });
  });

  describe('what ends a member’s tokens, as published on steward.members.v1', () => {
    let member: SignedInMember;
    /** A fresh sign-in (earlier tokens of the member may have been ended). */
    const signIn = async (password: string) => (await graphqlData<LoginResult>(url, LOGIN, { phone: member.phone, password }, {})).login.token;
    /** The member's credentials version now, as members writes it into a fresh token. */
    const versionAtSignIn = async (password: string) => claimsOf(await signIn(password)).stw_cv;
    const raisedAbove = (version: number, after: string) =>
      publishedState(member.id, (state) => (state.credentialsVersion ?? 0) > version, `a credentials version above ${version} after ${after}`);

    beforeAll(async () => {
      member = await world.member('丹阳村网格员', world.units.danyangGrid, 'GRID_MEMBER');
    });

    it('gives every sign-in a fresh session and the credentials version the member has on the topic', async () => {
      const [first, second] = [claimsOf(await signIn(PASSWORD)), claimsOf(await signIn(PASSWORD))];
      expect(first.stw_sid).not.toBe(second.stw_sid);
      expect(second.stw_cv).toBe(first.stw_cv);
      const state = await publishedState(member.id, (latest) => latest.credentialsVersion === first.stw_cv, 'the version of the tokens on the topic');
      expect(state).not.toHaveProperty('name');
    });

    it('changeMyPassword raises the credentials version', async () => {
      const version = await versionAtSignIn(PASSWORD);
      await graphqlData(url, CHANGE_PASSWORD, { current: PASSWORD, next: 'changed-once-2026' }, bearer(await signIn(PASSWORD)));
      await raisedAbove(version, 'changeMyPassword');
      expect(await versionAtSignIn('changed-once-2026')).toBeGreaterThan(version);
    });

    it('signOutEverywhere raises it', async () => {
      const token = await signIn('changed-once-2026');
      expect(await graphqlData(url, 'mutation { signOutEverywhere }', {}, bearer(token))).toEqual({ signOutEverywhere: true });
      await raisedAbove(claimsOf(token).stw_cv, 'signOutEverywhere');
    });

    it('signOut ends exactly the session of the token it is called with', async () => {
      const token = await signIn('changed-once-2026');
      expect(await graphqlData(url, 'mutation { signOut }', {}, bearer(token))).toEqual({ signOut: true });
      const state = await publishedState(member.id, (latest) => (latest.endedSessions ?? []).includes(claimsOf(token).stw_sid), 'the ended session on the topic');
      expect(state.credentialsVersion).toBe(claimsOf(token).stw_cv);
      expect(state.endedSessions).toEqual([claimsOf(token).stw_sid]);
    });

    it('refuses signOut for the bootstrap administrator, whose tokens end at expiry', async () => {
      const result = await graphql(url, 'mutation { signOut }');
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/expire/);
    });

    it('the end of a role raises it, and so does deactivation', async () => {
      const version = await versionAtSignIn('changed-once-2026');
      const [assignment] = (await memberAsAdmin(member.id)).assignments;
      await graphqlData(url, END_ASSIGNMENT, { id: assignment.id });
      const ended = await raisedAbove(version, 'endAssignment');

      await graphqlData(url, UPDATE_MEMBER, { id: member.id, input: { status: 'INACTIVE' } });
      const inactive = await raisedAbove(ended.credentialsVersion ?? 0, 'deactivation');
      expect(inactive.status).toBe('INACTIVE');
    });
  });
});
