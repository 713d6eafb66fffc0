import { operationLabel, outcomeOf } from './metrics';

describe('operationLabel', () => {
  it('keeps plain GraphQL names and bounds the rest', () => {
    expect(operationLabel('TicketDetail')).toBe('TicketDetail');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('not a name; drop table')).toBe('other');
    expect(operationLabel('x'.repeat(101))).toBe('other');
  });

  it('labels names beyond the first 300 a process sees as other, and keeps those it knows', () => {
    for (let index = 0; index < 310; index += 1) operationLabel(`Generated${index}`);
    expect(operationLabel('Generated5')).toBe('Generated5');
    expect(operationLabel('OneMoreAfterTheCap')).toBe('other');
  });
});

describe('outcomeOf', () => {
  it.each([
    [undefined, 'ok'],
    [[], 'ok'],
    [[{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'FORBIDDEN' } }], 'client_error'],
    [[{ extensions: { code: 'BAD_USER_INPUT' } }, { extensions: { code: 'INTERNAL_SERVER_ERROR' } }], 'server_error'],
    [[{}], 'server_error'],
  ])('%j → %s', (errors, outcome) => {
    expect(outcomeOf(errors)).toBe(outcome);
  });
});
