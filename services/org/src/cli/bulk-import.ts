#!/usr/bin/env node
/**
 * Bulk import of org units for the seed (tools/seed):
 *   node services/org/dist/cli/bulk-import.js <units.ndjson> [--db steward_org] [--topic …] [--batch 1000]
 *   node services/org/dist/cli/bulk-import.js --lookup-codes     prints {code: id} of the stored units with a division code
 * Documents get the fields org's create writes (codeKey, status, version 1,
 * a CREATED history entry); each unit's state event goes straight to the topic.
 */
import { bulkLoad, connectionsFrom, parseArgs, Topics } from '@steward/events';
import mongoose from 'mongoose';
import { codeKeyOf, type OrgLevel, type PartyOrg } from '../domain/org-rules';
import { orgUnitSchema, type OrgUnitDocument } from '../persistence/org-unit.schema';
import { stateEventOf, withDefaults } from '../events/org-unit.state';

/** One line of the NDJSON file. */
export interface OrgUnitRecord {
  _id: string;
  code: string | null;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  ancestors: string[];
  households?: number;
  population?: number;
  partyOrg?: PartyOrg | null;
  validFrom: string;
}

type StoredUnit = Omit<OrgUnitDocument, 'outbox' | 'pendingMove'>;

export function toUnitDocument(record: OrgUnitRecord, now: Date): StoredUnit {
  const validFrom = new Date(record.validFrom);
  return {
    _id: record._id,
    code: record.code,
    codeKey: codeKeyOf(record._id, record.code),
    name: record.name,
    level: record.level,
    parentId: record.parentId,
    ancestors: record.ancestors,
    households: record.households ?? 0,
    population: record.population ?? 0,
    partyOrg: record.partyOrg ?? null,
    status: 'ACTIVE',
    validFrom,
    validTo: null,
    version: 1,
    history: [{ version: 1, at: validFrom, action: 'CREATED' }],
    createdAt: now,
    updatedAt: now,
  };
}

async function main(): Promise<void> {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const connections = connectionsFrom(flags, 'org');
  const connection = await mongoose.createConnection(connections.mongoUrl, { dbName: connections.dbName }).asPromise();
  try {
    const model = connection.model<OrgUnitDocument>('OrgUnit', orgUnitSchema);
    if (flags.has('lookup-codes')) {
      const codes: Record<string, string> = {};
      for await (const doc of model.collection.find({ code: { $type: 'string' } }, { projection: { _id: 1, code: 1 } })) {
        codes[String(doc.code)] = String(doc._id);
      }
      process.stdout.write(`${JSON.stringify(codes)}\n`);
      return;
    }
    const file = positional[0];
    if (!file) throw new Error('usage: bulk-import <units.ndjson> [--db name] [--topic name] [--batch n] | --lookup-codes');
    await model.init(); // the service's indexes (unique codeKey) before the first write
    const summary = await bulkLoad<OrgUnitRecord, StoredUnit>({
      label: 'org_units',
      file,
      collection: model.collection,
      kafkaBrokers: connections.brokers,
      topic: flags.get('topic') ?? Topics.orgUnits,
      batchSize: connections.batchSize,
      toDocument: toUnitDocument,
      stateOf: (doc) => stateEventOf(withDefaults({ ...doc, outbox: [] } as OrgUnitDocument)),
    });
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
