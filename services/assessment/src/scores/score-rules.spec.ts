import { incrementsFor, rate, subjectsOf } from './score-rules';

describe('score rules', () => {
  const event = { handlerId: 'm1', orgPath: ['city', 'town', 'village', 'grid'] };

  it('counts a dispatch as received and a resolution as resolved / on time', () => {
    expect(incrementsFor({ ...event, type: 'steward.ticket.dispatched.v1' })).toEqual({ received: 1 });
    expect(incrementsFor({ ...event, type: 'steward.ticket.resolved.v1', onTime: true })).toEqual({ resolved: 1, onTime: 1 });
    expect(incrementsFor({ ...event, type: 'steward.ticket.resolved.v1', onTime: false })).toEqual({ resolved: 1 });
    expect(incrementsFor({ ...event, type: 'steward.ticket.accepted.v1' })).toBeUndefined();
  });

  it('credits the handler and every unit on the path', () => {
    const levels: Record<string, 'CITY' | 'TOWNSHIP' | 'ADMIN_VILLAGE' | 'GRID'> = {
      city: 'CITY',
      town: 'TOWNSHIP',
      village: 'ADMIN_VILLAGE',
      grid: 'GRID',
    };
    expect(subjectsOf({ ...event, type: 'x' }, (id) => levels[id])).toEqual([
      { id: 'm1', type: 'MEMBER' },
      { id: 'city', type: 'CITY' },
      { id: 'town', type: 'TOWNSHIP' },
      { id: 'village', type: 'ADMIN_VILLAGE' },
      { id: 'grid', type: 'GRID' },
    ]);
  });

  it('gives no rate for a zero denominator', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(9, 10)).toBeCloseTo(0.9);
  });
});
