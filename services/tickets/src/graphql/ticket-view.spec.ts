import { loadTicketPolicies } from '../domain/policies';
import { piiShown, toTicket } from './ticket-view';
import type { TicketDocument } from '../persistence/ticket.schema';
import { hoursAfter, NOW, ticketIn } from '../../test/ticket-test-fixtures';

const { catalogue } = loadTicketPolicies();
function doc(overrides: Partial<TicketDocument> = {}): TicketDocument {
  const { id, ...facts } = ticketIn('IN_PROGRESS');
  return {
    _id: id,
    ...facts,
    number: 'n',
    title: 't',
    description: '',
    channel: 'HOTLINE',
    location: { unitId: 'G1', path: ['C', 'D', 'T', 'V', 'N', 'G1'], address: '太平村东', geo: null },
    reporter: { name: '汤自会', phone: '13912345678', householdId: 'h1', anonymous: false },
    reportedBy: null,
    timeline: [],
    version: 4,
    outbox: [],
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

describe('ticket view', () => {
  it('masks the reporter phone unless the caller may read PII, and hides anonymous reporters from everyone', () => {
    expect(toTicket(doc(), NOW, catalogue).reporter).toEqual({ name: '汤自会', phone: '139****5678', anonymous: false, household: { id: 'h1' } });
    expect(toTicket(doc(), NOW, catalogue, true).reporter).toEqual({ name: '汤自会', phone: '13912345678', anonymous: false, household: { id: 'h1' } });
    const anonymous = doc({ reporter: { name: '汤自会', phone: '13912345678', householdId: 'h1', anonymous: true } });
    for (const mayReadPii of [false, true]) {
      expect(toTicket(anonymous, NOW, catalogue, mayReadPii).reporter).toEqual({ name: null, phone: null, anonymous: true, household: null });
    }
  });

  it('lists the personal data shown in clear, for the audit trail', () => {
    expect(piiShown(doc(), true)).toEqual(['reporter.phone']);
    expect(piiShown(doc(), false)).toEqual([]);
    expect(piiShown(doc({ reporter: { name: '汤自会', phone: '13912345678', householdId: null, anonymous: true } }), true)).toEqual([]);
    expect(piiShown(doc({ reporter: { name: '汤自会', phone: null, householdId: null, anonymous: false } }), true)).toEqual([]);
    expect(piiShown(doc({ reporter: null }), true)).toEqual([]);
  });

  it('shows a passed deadline as overdue before the sweeper marks it, and names the category', () => {
    const late = doc({ resolveDueAt: hoursAfter(NOW, -1) });
    expect(toTicket(late, NOW, catalogue)).toMatchObject({ overdue: true, categoryName: '水利灌溉', address: '太平村东' });
    expect(toTicket(doc(), NOW, catalogue).overdue).toBe(false);
  });

  it('reads a ticket stored before the closed loop (no location, counters or feedback)', () => {
    const legacy = { ...doc(), address: '老地址' } as Partial<TicketDocument> & { address: string };
    delete legacy.location;
    delete legacy.feedback;
    delete legacy.overdueCount;
    const view = toTicket(legacy as TicketDocument, NOW, catalogue);
    expect(view).toMatchObject({ address: '老地址', location: { unit: { id: 'G1' } }, overdueCount: 0, feedback: null, feedbackHistory: [] });
  });
});
