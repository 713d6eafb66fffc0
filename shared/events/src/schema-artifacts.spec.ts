import { appendFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventCatalogue, findEventDefinition } from './catalogue';
import { ASYNCAPI_FILE, exportJsonSchemas, JSON_SCHEMA_DIR, jsonSchemaFileName, staleSchemaArtifacts } from './json-schema';

// Whether shared/events/schemas itself is current is checked by `npm test`'s
// static step (tools/check-contracts.mjs → export-schemas --check).
describe('staleSchemaArtifacts', () => {
  let dir: string;
  const dispatched = `${JSON_SCHEMA_DIR}/${jsonSchemaFileName('steward.ticket.dispatched.v1')}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-schemas-'));
    exportJsonSchemas(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing right after an export', () => {
    expect(staleSchemaArtifacts(dir)).toEqual([]);
  });

  it('names a changed, a missing and a left-over file', () => {
    appendFileSync(join(dir, dispatched), ' ');
    unlinkSync(join(dir, ASYNCAPI_FILE));
    writeFileSync(join(dir, JSON_SCHEMA_DIR, 'steward.ticket.vanished.v1.schema.json'), '{}\n');
    expect(staleSchemaArtifacts(dir)).toEqual([ASYNCAPI_FILE, dispatched, `${JSON_SCHEMA_DIR}/steward.ticket.vanished.v1.schema.json`].sort());
  });

  it('names every artifact of an empty folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'steward-schemas-'));
    try {
      expect(staleSchemaArtifacts(empty)).toHaveLength(eventCatalogue.size + 1);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('event catalogue', () => {
  it('holds every contracted event type', () => {
    const ticketTypes = [
      'reported', 'accepted', 'dispatched', 'started', 'resolved', 'escalated', 'transferred',
      'rejected', 'closed', 'feedback-recorded', 'reopened', 'overdue', 'due-soon', 'merged', 'supervised', 'progress-added',
    ].map((name) => `steward.ticket.${name}.v1`);
    const visitTypes = ['logged', 'started', 'completed', 'cancelled', 'compliance-evaluated', 'duty-at-risk'].map((name) => `steward.visit.${name}.v1`);
    const notificationTypes = ['sent', 'failed', 'read'].map((name) => `steward.notification.${name}.v1`);
    const others = ['steward.assessment.period-closed.v1', 'steward.org.unit.state.v1', 'steward.member.state.v1', 'steward.household.state.v1', 'steward.ticket.contact.v1'];
    expect([...eventCatalogue.keys()].sort()).toEqual([...ticketTypes, ...visitTypes, ...notificationTypes, ...others].sort());
  });

  it.each([
    ['steward.ticket.dispatched.v1', 'steward.tickets.events.v1', 'steward/tickets'],
    ['steward.visit.logged.v1', 'steward.visits.events.v1', 'steward/visits'],
    ['steward.visit.compliance-evaluated.v1', 'steward.visits.events.v1', 'steward/visits'],
    ['steward.visit.duty-at-risk.v1', 'steward.visits.events.v1', 'steward/visits'],
    ['steward.ticket.due-soon.v1', 'steward.tickets.events.v1', 'steward/tickets'],
    ['steward.assessment.period-closed.v1', 'steward.assessment.events.v1', 'steward/assessment'],
    ['steward.notification.sent.v1', 'steward.notifications.events.v1', 'steward/notifications'],
    ['steward.org.unit.state.v1', 'steward.org.units.v1', 'steward/org'],
    ['steward.member.state.v1', 'steward.members.v1', 'steward/members'],
    ['steward.household.state.v1', 'steward.households.v1', 'steward/members'],
    ['steward.ticket.contact.v1', 'steward.tickets.contacts.v1', 'steward/tickets'],
  ])('routes %s to %s from %s', (type, topic, source) => {
    expect(findEventDefinition(type)).toMatchObject({ type, topic, source });
  });

  it('finds nothing for an unknown type', () => {
    expect(findEventDefinition('steward.ticket.vanished.v1')).toBeUndefined();
  });
});
