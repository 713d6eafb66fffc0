// The places and people of the attacks suite: the story's two townships
// (清溪镇 with 太平村 and 八卦村, 丹阳镇 with its own village), one grid in each
// village, and members who sign in through the gateway with real passwords.
// Each attack file starts its own stack (its own port offset and databases).
import { authorizeStack, graphql, graphqlData, uniqueName, waitFor, type GraphQLResponse } from '@steward/testing';
import path from 'node:path';
import { startStack } from '../../../tools/stack.cjs';

export type Stack = Awaited<ReturnType<typeof startStack>>;
export type Headers = Record<string, string>;

export const PASSWORD = 'attack-password-2026';

/** The `extensions.code` of a response's first error (undefined when it succeeded). */
export const codeOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;

export interface SignedInMember {
  id: string;
  phone: string;
  /** `{ authorization: 'Bearer …' }` of a real sign-in through the gateway */
  headers: Headers;
}

export interface AttackWorld {
  stack: Stack;
  /** the gateway's /graphql; calls without headers go as the bootstrap administrator */
  url: string;
  units: {
    city: string;
    qingxi: string;
    taiping: string;
    bagua: string;
    danyang: string;
    danyangVillage: string;
    taipingGrid: string;
    baguaGrid: string;
    danyangGrid: string;
  };
  /** a fresh, unique 11-digit phone */
  phone(): string;
  createUnit(input: Record<string, unknown>): Promise<string>;
  /** registers a member as the administrator, gives them `role` on `unitId` and a password, and signs them in */
  member(name: string, unitId: string, role: string, options?: { isPartyMember?: boolean }): Promise<SignedInMember>;
  signIn(phone: string, password?: string): Promise<Headers>;
  stop(): Promise<void>;
}

let phoneCounter = 0;

/**
 * Starts a stack on `portOffset` and builds the places of the story in it.
 * Members are made by the administrator: their first password is an initial
 * one (not a reset), so they sign in with full roles.
 */
export async function startAttackWorld(portOffset: number, label: string, env: Record<string, string> = {}, { timeoutMs = 240_000 } = {}): Promise<AttackWorld> {
  const prefix = uniqueName(label).replace(/-/g, '_');
  const stack = await startStack({ portOffset, databasePrefix: prefix, logDir: path.join(__dirname, '../../../.local/logs', prefix), env, timeoutMs });
  authorizeStack(stack);
  const url = stack.url as string;

  const phone = () => `136${String(Date.now()).slice(-6)}${String((phoneCounter += 1) % 100).padStart(2, '0')}`;
  const createUnit = async (input: Record<string, unknown>) =>
    (await graphqlData<{ createOrgUnit: { id: string } }>(url, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', { input })).createOrgUnit.id;
  const signIn = (memberPhone: string, password = PASSWORD) => stack.login(memberPhone, password);

  async function member(name: string, unitId: string, role: string, options: { isPartyMember?: boolean } = {}): Promise<SignedInMember> {
    const memberPhone = phone();
    const { createMember } = await graphqlData<{ createMember: { id: string } }>(url, 'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
      input: { name, phone: memberPhone, isPartyMember: options.isPartyMember ?? true },
    });
    // members learns of new units from the org topic: retry until its replica has the unit
    await waitFor(
      async () => {
        const result = await graphql(url, 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }', { input: { memberId: createMember.id, unitId, role } });
        if (result.errors) throw new Error(result.errors.map((error) => error.message).join('; '));
        return true;
      },
      { description: `${name}'s role ${role}` },
    );
    await graphqlData(url, 'mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id: createMember.id, p: PASSWORD });
    return { id: createMember.id, phone: memberPhone, headers: await signIn(memberPhone) };
  }

  const city = await createUnit({ level: 'CITY', name: '马鞍山市' });
  const hanshan = await createUnit({ level: 'DISTRICT', name: '含山县', parentId: city });
  const bowang = await createUnit({ level: 'DISTRICT', name: '博望区', parentId: city });
  const qingxi = await createUnit({ level: 'TOWNSHIP', name: '清溪镇', parentId: hanshan });
  const danyang = await createUnit({ level: 'TOWNSHIP', name: '丹阳镇', parentId: bowang });
  const taiping = await createUnit({ level: 'ADMIN_VILLAGE', name: '太平村', parentId: qingxi });
  const bagua = await createUnit({ level: 'ADMIN_VILLAGE', name: '八卦村', parentId: qingxi });
  const danyangVillage = await createUnit({ level: 'ADMIN_VILLAGE', name: '丹阳村', parentId: danyang });
  const units = {
    city,
    qingxi,
    taiping,
    bagua,
    danyang,
    danyangVillage,
    taipingGrid: await createUnit({ level: 'GRID', name: '太平村第一网格', parentId: taiping }),
    baguaGrid: await createUnit({ level: 'GRID', name: '八卦村第一网格', parentId: bagua }),
    danyangGrid: await createUnit({ level: 'GRID', name: '丹阳村第一网格', parentId: danyangVillage }),
  };
  return { stack, url, units, phone, createUnit, member, signIn, stop: () => stack.stop() };
}
