import { parse } from 'graphql';
import { fieldsNeedingSignIn } from './anonymous-operations';
import { operationOf } from './root-fields';
import { progressLookupCount } from './sign-in-operations';

const refusedOf = (query: string, operationName?: string) => {
  const document = parse(query);
  const operation = operationOf(document, operationName);
  if (!operation) throw new Error('no operation');
  return fieldsNeedingSignIn(document, operation);
};

describe('fieldsNeedingSignIn (what an anonymous caller may not select)', () => {
  it.each([
    ['a progress lookup', '{ ticketProgress(number: "1", phoneLast4: "1234") { status timeline { action } } }', []],
    ['a sign-in', 'mutation { login(phone: "1", password: "x") { token } }', []],
    ['a service sign-in with __typename', 'mutation { __typename serviceLogin(clientId: "a", clientSecret: "b") { token } }', []],
    ['a lookup beside a ticket', '{ ticketProgress(number: "1", phoneLast4: "1234") { status } ticket(id: "t") { reporter { phone } } }', ['ticket']],
    ['a lookup beside me, through a fragment', 'query { ...F } fragment F on Query { ticketProgress(number: "1", phoneLast4: "1234") { status } me { id } }', ['me']],
    ['a lookup beside members, in an inline fragment', '{ ticketProgress(number: "1", phoneLast4: "1234") { status } ... on Query { members { totalCount } } }', ['members']],
    ['ticketProgress as a mutation field name (none exists): refused', 'mutation { ticketProgress { status } }', ['ticketProgress']],
    ['login as a query field name: refused', '{ login }', ['login']],
    ['another mutation', 'mutation { changeMyPassword(currentPassword: "a", newPassword: "b") }', ['changeMyPassword']],
  ])('%s', (_label, query, expected) => {
    expect(refusedOf(query)).toEqual(expected);
  });

  it('judges the operation the request names', () => {
    const query = 'query Mine { me { id } } query Lookup { ticketProgress(number: "1", phoneLast4: "1234") { status } }';
    expect(refusedOf(query, 'Lookup')).toEqual([]);
    expect(refusedOf(query, 'Mine')).toEqual(['me']);
  });
});

describe('progressLookupCount', () => {
  it.each([
    ['one lookup', { query: '{ ticketProgress(number: "1", phoneLast4: "1234") { status } }' }, 1],
    ['aliased lookups, each one', { query: '{ a: ticketProgress(number: "1", phoneLast4: "1234") { status } b: ticketProgress(number: "1", phoneLast4: "1235") { status } }' }, 2],
    ['lookups in a fragment', { query: 'query { ...F ticketProgress(number: "1", phoneLast4: "1") { status } } fragment F on Query { ticketProgress(number: "1", phoneLast4: "2") { status } }' }, 2],
    ['a query naming ticketProgress elsewhere', { query: '{ tickets(filter: { category: "ticketProgress" }) { totalCount } }' }, 0],
    ['a mutation', { query: 'mutation { login(phone: "1", password: "x") { token } }' }, 0],
    ['no body', undefined, 0],
  ])('counts %s', (_label, body, expected) => {
    expect(progressLookupCount(body)).toBe(expected);
  });
});
