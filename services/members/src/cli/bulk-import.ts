#!/usr/bin/env node
/**
 * Bulk import of members or households for the seed (tools/seed):
 *   node services/members/dist/cli/bulk-import.js members <members.ndjson> [--db steward_members] [--topic …] [--batch 1000]
 *   node services/members/dist/cli/bulk-import.js households <households.ndjson> [...]
 * Documents get the fields the service writes (version 1, assignments with
 * orgPath); each record's state event goes straight to its compacted topic.
 */
import { bulkLoad, connectionsFrom, parseArgs, Topics } from '@steward/events';
import { householdStateEvent } from '../events/household-state';
import { memberStateEvent } from '../events/member-state';
import mongoose from 'mongoose';
import { householdSchema, type HouseholdDocument } from '../persistence/household.schema';
import type { HouseholdTag } from '../domain/household-rules';
import { unitPathsOf, type MemberRole } from '../domain/member-rules';
import { memberSchema, type MemberDocument } from '../persistence/member.schema';

export interface MemberRecord {
  _id: string;
  name: string;
  phone: string;
  isPartyMember: boolean;
  skills?: string[];
  assignments: { id: string; unitId: string; orgPath: string[]; role: MemberRole; from: string; to: string | null }[];
}

export interface HouseholdRecord {
  _id: string;
  gridId: string;
  orgPath: string[];
  address: string;
  head: string;
  size: number;
  tags: HouseholdTag[];
  phone: string | null;
}

type StoredMember = Omit<MemberDocument, 'outbox'>;
type StoredHousehold = Omit<HouseholdDocument, 'outbox'>;

export function toMemberDocument(record: MemberRecord, now: Date): StoredMember {
  return {
    _id: record._id,
    name: record.name,
    phone: record.phone,
    isPartyMember: record.isPartyMember,
    skills: record.skills ?? [],
    status: 'ACTIVE',
    assignments: record.assignments.map((a) => ({
      id: a.id,
      unitId: a.unitId,
      orgPath: a.orgPath,
      role: a.role,
      from: new Date(a.from),
      to: a.to === null ? null : new Date(a.to),
    })),
    unitPaths: unitPathsOf(record.assignments),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function toHouseholdDocument(record: HouseholdRecord, now: Date): StoredHousehold {
  return { ...record, version: 1, createdAt: now, updatedAt: now };
}

async function main(): Promise<void> {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const [kind, file] = positional;
  if ((kind !== 'members' && kind !== 'households') || !file) {
    throw new Error('usage: bulk-import members|households <file.ndjson> [--db name] [--topic name] [--batch n]');
  }
  const connections = connectionsFrom(flags, 'members');
  const connection = await mongoose.createConnection(connections.mongoUrl, { dbName: connections.dbName }).asPromise();
  try {
    const common = { file, kafkaBrokers: connections.brokers, batchSize: connections.batchSize };
    let summary;
    if (kind === 'members') {
      const model = connection.model<MemberDocument>('Member', memberSchema);
      await model.init(); // unique phone index before the first write
      summary = await bulkLoad<MemberRecord, StoredMember>({
        ...common,
        label: 'members',
        collection: model.collection,
        topic: flags.get('topic') ?? Topics.members,
        toDocument: toMemberDocument,
        stateOf: memberStateEvent,
      });
    } else {
      const model = connection.model<HouseholdDocument>('Household', householdSchema);
      await model.init();
      summary = await bulkLoad<HouseholdRecord, StoredHousehold>({
        ...common,
        label: 'households',
        collection: model.collection,
        topic: flags.get('topic') ?? Topics.households,
        toDocument: toHouseholdDocument,
        stateOf: householdStateEvent,
      });
    }
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
