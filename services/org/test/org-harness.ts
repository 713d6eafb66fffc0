// The org service as a separate process (tools/stack.cjs) plus direct views of
// what it wrote: its Mongo collection and the state topic, read by a replica
// in this process the way another service would.
import { createEvent, orgUnitState, silentLogger, withOutbox } from '@steward/events';
import { OrgTree, StateReplica } from '@steward/replicas';
import { KAFKA_BROKERS, MONGO_URL, graphql, graphqlData, uniqueName, waitFor, type GraphQLResponse, authorizeStack } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Collection, type Document } from 'mongodb';
import path from 'node:path';
import { startStack } from '../../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

export interface OrgHarness {
  stack: Stack;
  url: string;
  units: Collection<Document>;
  kafka: Kafka;
  close(): Promise<void>;
}

export async function startOrg(): Promise<OrgHarness> {
  const prefix = uniqueName('org').replace(/-/g, '_');
  const stack = await startStack({
    only: ['org'],
    portOffset: 300,
    databasePrefix: prefix,
    logDir: path.join(__dirname, '../../../.local/logs', prefix),
  });
  authorizeStack(stack);
  const mongo = await MongoClient.connect(MONGO_URL);
  const kafka = new Kafka({ clientId: `${prefix}-test`, brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const db = mongo.db(`${prefix}_org`);
  return {
    stack,
    url: stack.subgraphUrl('org'),
    units: db.collection('org_units'),
    kafka,
    close: async () => {
      await stack.stop();
      await db.dropDatabase();
      await mongo.close();
    },
  };
}

export interface Replica {
  tree: OrgTree;
  replica: StateReplica<typeof orgUnitState.schema>;
}

/** A replica of steward.org.units.v1 in this process: loads from offset 0, then follows. */
export async function startReplica(kafka: Kafka): Promise<Replica> {
  const replica = new StateReplica({ kafka, definition: orgUnitState, owner: uniqueName('org-test'), logger: silentLogger });
  await replica.start();
  return { replica, tree: new OrgTree(replica) };
}

export const UNIT_FIELDS = `id code name level parentId households population status version
  partyOrg { kind name secretaryName } validFrom validTo ancestors { id } history { version action fields fromParentId toParentId movedUnitId }`;

export interface UnitView {
  id: string;
  code: string | null;
  name: string;
  level: string;
  parentId: string | null;
  households: number;
  population: number;
  status: string;
  version: number;
  partyOrg: { kind: string; name: string; secretaryName: string | null } | null;
  validFrom: string;
  validTo: string | null;
  ancestors: { id: string }[];
  history: { version: number; action: string; fields: string[] | null; fromParentId: string | null; toParentId: string | null; movedUnitId: string | null }[];
}

export class OrgClient {
  constructor(readonly url: string) {}

  request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return graphql<T>(this.url, query, variables);
  }

  data<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return graphqlData<T>(this.url, query, variables);
  }

  async create(input: Record<string, unknown>): Promise<string> {
    const data = await this.data<{ createOrgUnit: { id: string } }>(
      `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`,
      { input },
    );
    return data.createOrgUnit.id;
  }

  async unit(id: string): Promise<UnitView> {
    const data = await this.data<{ orgUnit: UnitView | null }>(`query($id: ID!) { orgUnit(id: $id) { ${UNIT_FIELDS} } }`, { id });
    if (!data.orgUnit) throw new Error(`no unit ${id}`);
    return data.orgUnit;
  }

  move(id: string, newParentId: string) {
    return this.request<{ moveOrgUnit: UnitView }>(
      `mutation($id: ID!, $to: ID!) { moveOrgUnit(id: $id, newParentId: $to) { ${UNIT_FIELDS} } }`,
      { id, to: newParentId },
    );
  }

  retire(id: string) {
    return this.request<{ retireOrgUnit: UnitView }>(`mutation($id: ID!) { retireOrgUnit(id: $id) { ${UNIT_FIELDS} } }`, { id });
  }

  update(id: string, input: Record<string, unknown>) {
    return this.request<{ updateOrgUnit: UnitView }>(
      `mutation($id: ID!, $input: UpdateOrgUnitInput!) { updateOrgUnit(id: $id, input: $input) { ${UNIT_FIELDS} } }`,
      { id, input },
    );
  }

  /** Every unit the service holds, through the paginated list. */
  async all(filter: Record<string, unknown> = {}): Promise<UnitView[]> {
    const units: UnitView[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { orgUnits: { edges: { node: UnitView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await this.data(
          `query($filter: OrgUnitFilter, $after: String) { orgUnits(filter: $filter, first: 200, after: $after) {
            edges { node { ${UNIT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          { filter, after },
        );
      units.push(...data.orgUnits.edges.map((edge) => edge.node));
      if (!data.orgUnits.pageInfo.hasNextPage) return units;
      after = data.orgUnits.pageInfo.endCursor;
    }
  }
}

/** Waits until the relay has published every pending state event of the collection. */
export function outboxDrained(units: Collection<Document>): Promise<true> {
  return waitFor(async () => (await units.countDocuments({ 'outbox.0': { $exists: true } })) === 0, {
    description: 'the org outbox to drain',
  });
}

/** Every stored document, outbox and history included, in id order. */
export function snapshot(units: Collection<Document>): Promise<Document[]> {
  return units.find({}).sort({ _id: 1 }).toArray();
}

/** The stored fields a state event carries. */
type StoredUnit = Pick<UnitView, 'code' | 'name' | 'parentId' | 'status' | 'households' | 'population' | 'partyOrg'> & {
  _id: string;
  level: 'CITY' | 'DISTRICT' | 'TOWNSHIP' | 'ADMIN_VILLAGE' | 'NATURAL_VILLAGE' | 'GRID';
  status: 'ACTIVE' | 'RETIRED';
  partyOrg: { kind: 'GENERAL_BRANCH' | 'BRANCH' | 'GRID_GROUP'; name: string; secretaryName: string | null } | null;
  ancestors: string[];
  version: number;
  validFrom: Date;
};

/**
 * Writes what one step of the service would: a unit's new fields, version + 1
 * and its state event in the outbox, in one update. Used to stage the state a
 * crash leaves behind.
 */
export async function writeLikeTheService(units: Collection<Document>, id: string, set: Document): Promise<void> {
  const stored = (await units.findOne({ _id: id } as Document)) as StoredUnit | null;
  if (!stored) throw new Error(`no unit ${id}`);
  const next = { ...stored, ...set, version: stored.version + 1 } as StoredUnit;
  const event = createEvent(orgUnitState, {
    subject: id,
    aggregateVersion: next.version,
    data: {
      id,
      code: next.code,
      name: next.name,
      level: next.level,
      parentId: next.parentId,
      ancestors: next.ancestors,
      status: next.status,
      households: next.households,
      population: next.population,
      partyOrg: next.partyOrg,
      validFrom: next.validFrom.toISOString(),
      validTo: null,
    },
  });
  await units.updateOne(
    { _id: id, version: stored.version } as Document,
    withOutbox({ $set: { ...set, version: next.version } }, [event]) as Document,
  );
}
