import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventCatalogue, findEventDefinition } from './catalogue';
import { JSON_SCHEMA_DIR, renderSchemaArtifacts } from './json-schema';

const SCHEMAS_DIR = join(__dirname, '..', 'schemas');
const REGENERATE = 'run `npx tsc -b shared/events && npm run schemas -w @steward/events`';

describe('checked-in schema artifacts', () => {
  const expected = renderSchemaArtifacts();

  it.each([...expected.keys()])('%s is up to date', (relativePath) => {
    let actual: string | undefined;
    try {
      actual = readFileSync(join(SCHEMAS_DIR, relativePath), 'utf8');
    } catch {
      actual = undefined;
    }
    if (actual !== expected.get(relativePath)) {
      throw new Error(`shared/events/schemas/${relativePath} is stale or missing: ${REGENERATE}`);
    }
  });

  it('has no schema file for a type that left the catalogue', () => {
    const stale = readdirSync(join(SCHEMAS_DIR, JSON_SCHEMA_DIR)).filter(
      (file) => !expected.has(`${JSON_SCHEMA_DIR}/${file}`),
    );
    expect(stale).toEqual([]);
  });
});

describe('event catalogue', () => {
  it('holds every contracted event type', () => {
    const ticketTypes = [
      'reported', 'accepted', 'dispatched', 'started', 'resolved', 'escalated', 'transferred',
      'rejected', 'closed', 'feedback-recorded', 'reopened', 'overdue', 'merged', 'supervised', 'progress-added',
    ].map((name) => `steward.ticket.${name}.v1`);
    const visitTypes = ['logged', 'started', 'completed', 'cancelled', 'compliance-evaluated'].map((name) => `steward.visit.${name}.v1`);
    const others = ['steward.assessment.period-closed.v1', 'steward.org.unit.state.v1', 'steward.member.state.v1', 'steward.household.state.v1'];
    expect([...eventCatalogue.keys()].sort()).toEqual([...ticketTypes, ...visitTypes, ...others].sort());
  });

  it.each([
    ['steward.ticket.dispatched.v1', 'steward.tickets.events.v1', 'steward/tickets'],
    ['steward.visit.logged.v1', 'steward.visits.events.v1', 'steward/visits'],
    ['steward.visit.compliance-evaluated.v1', 'steward.visits.events.v1', 'steward/visits'],
    ['steward.assessment.period-closed.v1', 'steward.assessment.events.v1', 'steward/assessment'],
    ['steward.org.unit.state.v1', 'steward.org.units.v1', 'steward/org'],
    ['steward.member.state.v1', 'steward.members.v1', 'steward/members'],
    ['steward.household.state.v1', 'steward.households.v1', 'steward/members'],
  ])('routes %s to %s from %s', (type, topic, source) => {
    expect(findEventDefinition(type)).toMatchObject({ type, topic, source });
  });

  it('finds nothing for an unknown type', () => {
    expect(findEventDefinition('steward.ticket.vanished.v1')).toBeUndefined();
  });
});
