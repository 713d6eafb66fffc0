// Shared set-up of the tickets integration tests: org, members and tickets
// started as processes (tools/stack.cjs) on real Kafka + FerretDB, a small
// org tree with role holders, and a reader of the tickets topic.
import type { Principal } from '@steward/auth';
import { memberState, orgUnitState, Topics } from '@steward/events';
import { MemberDirectory, OrgTree, StateReplica } from '@steward/replicas';
import {
  graphql,
  graphqlData,
  KAFKA_BROKERS,
  MONGO_URL,
  TopicReader,
  uniqueName,
  waitFor,
  type Credentials,
  type GraphQLResponse,
  type TopicMessage,
  authorizeStack,
} from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import path from 'node:path';
import pino from 'pino';
import { startStack } from '../../../tools/stack.cjs';
import { TicketWriter } from '../src/application/ticket-writer';
import { loadTicketPolicies } from '../src/domain/policies';
import { TicketRepository } from '../src/persistence/ticket.repository';

export type Stack = Awaited<ReturnType<typeof startStack>>;

export interface TicketsStack {
  stack: Stack;
  databasePrefix: string;
  org: string;
  members: string;
  tickets: string;
}

/**
 * org + members + tickets with their own databases; the service's own sweeper is off so tests drive sweeps.
 * TEST_DATABASE_PREFIX names the databases apart when several people test on one FerretDB.
 */
export async function startTicketsStack(portOffset: number): Promise<TicketsStack> {
  const databasePrefix = uniqueName(process.env.TEST_DATABASE_PREFIX ?? 't5_tickets').replace(/-/g, '_');
  const stack = await startStack({
    only: ['org', 'members', 'tickets'],
    portOffset,
    databasePrefix,
    logDir: path.join(__dirname, '../../../.local/logs', databasePrefix),
    env: { TICKETS_SWEEP_INTERVAL_MS: '0' },
  });
  authorizeStack(stack);
  return {
    stack,
    databasePrefix,
    org: stack.subgraphUrl('org'),
    members: stack.subgraphUrl('members'),
    tickets: stack.subgraphUrl('tickets'),
  };
}

/** What another instance of the tickets service writes tickets with: its own connection and replicas on the stack's database. */
export interface TicketsInstance {
  connection: Connection;
  repository: TicketRepository;
  writer: TicketWriter;
  stop(): Promise<void>;
}

export async function ticketsInstance(env: TicketsStack, place: Place): Promise<TicketsInstance> {
  const connection = await mongoose.createConnection(MONGO_URL, { dbName: `${env.databasePrefix}_tickets` }).asPromise();
  const kafka = new Kafka({ clientId: uniqueName('tickets-instance'), brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const logger = pino({ level: 'silent' });
  const units = new StateReplica({ kafka, definition: orgUnitState, owner: uniqueName('tickets-instance'), logger });
  const members = new StateReplica({ kafka, definition: memberState, owner: uniqueName('tickets-instance'), logger });
  await Promise.all([units.start(), members.start()]);
  const orgTree = new OrgTree(units);
  await waitFor(() => orgTree.unit(place.grid), { description: 'the instance to know the org tree' });
  const repository = new TicketRepository(connection);
  const writer = new TicketWriter(repository, orgTree, new MemberDirectory(members), loadTicketPolicies());
  const stop = async () => {
    await Promise.all([units.stop(), members.stop()]);
    await connection.close();
  };
  return { connection, repository, writer, stop };
}

/** Credentials that make a direct call to a subgraph act as `principal`, signed per call (default calls act as the administrator). */
export function as(env: TicketsStack, principal: Principal): Credentials {
  return env.stack.signedHeaders(principal);
}

/** A member principal holding `role` on `unitId`. */
export function memberPrincipal(id: string, role: string, unitId: string): Principal {
  return { kind: 'MEMBER', id, grants: [{ role, unitId }] };
}

export async function createUnit(url: string, input: Record<string, unknown>): Promise<string> {
  const data = await graphqlData<{ createOrgUnit: { id: string } }>(
    url,
    `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`,
    { input },
  );
  return data.createOrgUnit.id;
}

export interface Place {
  city: string;
  district: string;
  township: string;
  village: string;
  grid: string;
}

/** 马鞍山市 › 含山县 › 清溪镇 › 太平村 › a grid; more grids and villages can be added below. */
export async function createPlace(url: string): Promise<Place> {
  const city = await createUnit(url, { level: 'CITY', name: '马鞍山市' });
  const district = await createUnit(url, { level: 'DISTRICT', name: '含山县', parentId: city });
  const township = await createUnit(url, { level: 'TOWNSHIP', name: '清溪镇', parentId: district });
  const village = await createUnit(url, { level: 'ADMIN_VILLAGE', name: '太平村', parentId: township });
  const grid = await createUnit(url, { level: 'GRID', name: '太平村第一网格', parentId: village });
  return { city, district, township, village, grid };
}

/** A member holding `role` on `unitId`, with their phone (members learns the unit from the org topic: retried until it knows it). */
export async function createMemberWithPhone(url: string, name: string, unitId: string, role: string): Promise<{ id: string; phone: string }> {
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const { createMember } = await graphqlData<{ createMember: { id: string } }>(
    url,
    `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
    { input: { name, phone, isPartyMember: true } },
  );
  await waitFor(
    async () => {
      const result = await graphql(url, `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, {
        input: { memberId: createMember.id, unitId, role },
      });
      return !result.errors;
    },
    { description: `${role} to be assigned` },
  );
  return { id: createMember.id, phone };
}

/** A member holding `role` on `unitId`; their id. */
export async function createMemberWithRole(url: string, name: string, unitId: string, role: string): Promise<string> {
  return (await createMemberWithPhone(url, name, unitId, role)).id;
}

export const TICKET_FIELDS = `id number status level version category channel priority overdue overdueCount
  escalationCount reopenCount supervisionCount resolvedOnTime acceptDueAt resolveDueAt autoCloseAt updatedAt
  unit { id } handler { id } location { address geo { lat lng } unit { id } }
  reporter { name phone anonymous }
  feedback { satisfaction comment }
  timeline { action from to level automatic actorId satisfaction unit { id } }`;

export interface TicketView {
  id: string;
  number: string;
  status: string;
  level: string;
  version: number;
  category: string;
  channel: string;
  priority: string;
  overdue: boolean;
  overdueCount: number;
  escalationCount: number;
  reopenCount: number;
  supervisionCount: number;
  resolvedOnTime: boolean | null;
  acceptDueAt: string | null;
  resolveDueAt: string | null;
  autoCloseAt: string | null;
  updatedAt: string;
  unit: { id: string };
  handler: { id: string } | null;
  location: { address: string | null; geo: { lat: number; lng: number } | null; unit: { id: string } };
  reporter: { name: string | null; phone: string | null; anonymous: boolean } | null;
  feedback: { satisfaction: string; comment: string | null } | null;
  timeline: {
    action: string;
    from: string | null;
    to: string;
    level: string | null;
    automatic: boolean;
    actorId: string | null;
    satisfaction: string | null;
    unit: { id: string } | null;
  }[];
}

/** Calls one ticket mutation and returns the ticket, or the GraphQL errors; as the administrator unless `headers` say otherwise. */
export async function mutate(
  url: string,
  field: string,
  args: string,
  variables: Record<string, unknown>,
  headers?: Credentials,
): Promise<GraphQLResponse<Record<string, TicketView>>> {
  const signature = Object.keys(variables)
    .map((name) => `$${name}: ${VARIABLE_TYPES[name]}`)
    .join(', ');
  return graphql<Record<string, TicketView>>(
    url,
    `mutation(${signature}) { ${field}(${args}) { ${TICKET_FIELDS} } }`,
    variables,
    headers,
  );
}

const VARIABLE_TYPES: Record<string, string> = {
  id: 'ID!',
  intoId: 'ID!',
  expectedVersion: 'Int',
  note: 'String',
  requiredNote: 'String!',
  reason: 'String!',
  report: 'ReportTicketInput!',
  dispatch: 'DispatchTicketInput!',
  progress: 'AddProgressInput!',
  resolve: 'ResolveTicketInput!',
  transfer: 'TransferTicketInput!',
  feedback: 'FeedbackInput!',
  evidenceIds: '[ID!]',
};

/** Like `mutate`, failing on errors. */
export async function mutateOk(
  url: string,
  field: string,
  args: string,
  variables: Record<string, unknown>,
  headers?: Credentials,
): Promise<TicketView> {
  const result = await mutate(url, field, args, variables, headers);
  if (result.errors?.length || !result.data) throw new Error(`${field} failed: ${JSON.stringify(result.errors)}`);
  return result.data[field];
}

export async function readTicket(url: string, id: string, headers?: Credentials): Promise<TicketView> {
  const data = await graphqlData<{ ticket: TicketView }>(url, `query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`, { id }, headers);
  return data.ticket;
}

/** Reports a ticket, retrying until the tickets service's org replica knows the unit. */
export async function report(url: string, input: Record<string, unknown>, headers?: Credentials): Promise<TicketView> {
  return waitFor(
    async () => {
      const result = await mutate(url, 'reportTicket', 'input: $report', { report: input }, headers);
      if (result.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT' && /input\.unitId/.test(JSON.stringify(result.errors))) return undefined;
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      return result.data?.reportTicket;
    },
    { description: 'tickets to know the unit and take the report' },
  );
}

/** Dispatches, retrying until the tickets service's member replica knows the handler's role. */
export async function dispatch(url: string, id: string, input: Record<string, unknown>, headers?: Credentials): Promise<TicketView> {
  return waitFor(
    async () => {
      const result = await mutate(url, 'dispatchTicket', 'id: $id, input: $dispatch', { id, dispatch: input }, headers);
      if (result.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT') return undefined;
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      return result.data?.dispatchTicket;
    },
    { description: "tickets to know the handler's role" },
  );
}

/** Reads the tickets topic from its end at start (messages produced after `start()` resolves). */
export class TicketTopicReader extends TopicReader {
  constructor() {
    super(Topics.ticketEvents);
  }

  /** Waits until `count` events of the ticket have arrived, and returns them in version order. */
  waitForEvents(ticketId: string, count: number): Promise<TopicMessage[]> {
    return waitFor(() => (this.of(ticketId).length >= count ? this.of(ticketId) : undefined), {
      description: `${count} events of ticket ${ticketId} on the topic`,
      timeoutMs: 60_000,
    });
  }
}

export const EVIDENCE_FIELDS = 'id fileName contentType size sha256 uploadedAt uploadedBy downloadPath';

export interface EvidenceView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
  downloadPath: string;
}

/** Uploads a file as evidence of a ticket; returns the evidence or the GraphQL errors. */
export function uploadEvidence(
  url: string,
  input: { ticketId: string; fileName: string; contentType: string; bytes: Buffer },
  headers?: Credentials,
): Promise<GraphQLResponse<{ uploadEvidence: EvidenceView }>> {
  const { bytes, ...rest } = input;
  return graphql<{ uploadEvidence: EvidenceView }>(
    url,
    `mutation($input: UploadEvidenceInput!) { uploadEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
    { input: { ...rest, contentBase64: bytes.toString('base64') } },
    headers,
  );
}
