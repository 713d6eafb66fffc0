import { loadTicketPolicies } from '../domain/policies';
import { piiShown, toTicket } from './ticket-view';
import type { TicketDocument } from '../persistence/ticket.schema';
import { hoursAfter, NOW, ticketIn } from '../../test/ticket-test-fixtures';

const { catalogue: shipped } = loadTicketPolicies();
/** version 1 of WATER_IRRIGATION, the category of the fixtures' ticket */
const catalogue = shipped.seedVersions().find((version) => version.code === 'WATER_IRRIGATION');
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

  it('shows the typed fields with the labels of the version the ticket was reported under; a ticket without a version was reported under version 1', () => {
    const v2 = catalogue && { ...catalogue, version: 2, fields: [...catalogue.fields, { ...catalogue.fields[0], key: 'pumps', label: '泵站数', labelEn: 'Pumps', type: 'INTEGER' as const, unit: '座', decimals: null }] };
    const reported = doc({ categoryVersion: 2, categoryFields: [{ key: 'pumps', value: 2 }, { key: 'affectedArea', value: 12.5 }] });
    expect(toTicket(reported, NOW, v2)).toMatchObject({
      categoryVersion: 2,
      categoryFields: [
        { key: 'affectedArea', label: '受影响面积', labelEn: 'Affected area', type: 'DECIMAL', unit: '亩', value: '12.5', displayValue: '12.5 亩' },
        { key: 'pumps', label: '泵站数', unit: '座', value: '2', displayValue: '2 座' },
      ],
    });
    expect(toTicket(doc(), NOW, catalogue)).toMatchObject({ categoryVersion: 1, categoryFields: [], categoryName: '水利灌溉' });
  });
});
