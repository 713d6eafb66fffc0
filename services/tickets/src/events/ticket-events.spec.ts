import { getEventDefinition, validateEnvelope } from '@steward/events';
import { toEnvelope, type EventSnapshot } from './ticket-events';
import type { TicketEventSpec } from '../domain/ticket-facts';
import { hoursAfter, NOW, ticketIn } from '../../test/ticket-test-fixtures';

const snapshot: EventSnapshot = { ...ticketIn('IN_PROGRESS'), number: '20261201-000001', title: '池塘清淤', channel: 'HOTLINE', reportedAt: hoursAfter(NOW, -1) };

const specs: TicketEventSpec[] = [
  { type: 'reported', categoryVersion: 1, categoryFields: [{ key: 'affectedArea', value: 12.5 }] },
  { type: 'accepted' },
  { type: 'rejected', reason: '不属于受理范围' },
  { type: 'dispatched', previousHandlerId: null, note: null },
  { type: 'started', evidenceIds: [] },
  { type: 'progress-added', note: '已联系挖机', evidenceIds: ['photo-1'] },
  { type: 'resolved', resolution: '已清淤', onTime: true, evidenceIds: ['photo-1', 'report-2'] },
  {
    type: 'escalated',
    fromLevel: 'GRID',
    toLevel: 'ADMIN_VILLAGE',
    fromUnitId: 'G1',
    fromOrgPath: ['C', 'D', 'T', 'V', 'N', 'G1'],
    reason: '超期',
    previousHandlerId: 'm',
    automatic: true,
  },
  { type: 'transferred', fromUnitId: 'G2', fromOrgPath: ['C', 'D', 'T', 'V', 'N', 'G2'], reason: '位置有误', previousHandlerId: null },
  { type: 'supervised', note: '请加快' },
  { type: 'feedback-recorded', satisfaction: 'UNSATISFIED', comment: null },
  { type: 'reopened', reason: '回访不满意', automatic: true, previousHandlerId: 'm', previousResolutionOnTime: false },
  { type: 'closed', automatic: false },
  { type: 'merged', intoTicketId: 'original' },
  { type: 'overdue', kind: 'RESOLVE', dueAt: NOW },
  { type: 'due-soon', kind: 'RESOLVE', dueAt: hoursAfter(NOW, 2), warnBeforeMinutes: 1440, slaPolicyVersion: '2026.2' },
];

describe('ticket events', () => {
  it.each(specs.map((spec) => [spec.type, spec] as const))('%s becomes a valid catalogued event carrying the version', (type, spec) => {
    const envelope = toEnvelope(spec, { ticket: snapshot, version: 7, actorId: 'grid-member', at: NOW });
    expect(envelope.type).toBe(`steward.ticket.${type}.v1`);
    expect(envelope).toMatchObject({ subject: 'ticket-1', aggregateversion: 7 });
    expect(envelope.data).toMatchObject({ ticketId: 'ticket-1', number: '20261201-000001', status: 'IN_PROGRESS', actorId: 'grid-member', channel: 'HOTLINE' });
    expect(() => validateEnvelope(getEventDefinition(envelope.type), envelope)).not.toThrow();
  });

  it('carries the fields the assessment reads: where a moved ticket came from, what a reopening reverses, the evidence', () => {
    const at = { ticket: snapshot, version: 3, actorId: null, at: NOW };
    const data = (type: TicketEventSpec['type']) => toEnvelope(specs.find((spec) => spec.type === type) as TicketEventSpec, at).data;
    expect(data('escalated')).toMatchObject({ fromUnitId: 'G1', fromOrgPath: ['C', 'D', 'T', 'V', 'N', 'G1'] });
    expect(data('transferred')).toMatchObject({ fromOrgPath: ['C', 'D', 'T', 'V', 'N', 'G2'] });
    expect(data('reopened')).toMatchObject({ previousHandlerId: 'm', previousResolutionOnTime: false });
    expect(data('resolved')).toMatchObject({ evidenceIds: ['photo-1', 'report-2'] });
    expect(data('started')).not.toHaveProperty('evidenceIds');
    // the category version and typed fields of the report (类别专属字段)
    expect(data('reported')).toMatchObject({ categoryVersion: 1, categoryFields: [{ key: 'affectedArea', value: 12.5 }] });
  });

  it('never carries the reporter (no PII on the topic)', () => {
    const envelope = toEnvelope({ type: 'reported', categoryVersion: 1, categoryFields: [{ key: 'affectedArea', value: 12.5 }] }, { ticket: snapshot, version: 1, actorId: null, at: NOW });
    expect(JSON.stringify(envelope)).not.toMatch(/reporter|phone/);
  });
});
