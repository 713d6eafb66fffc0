import { signInFieldCount } from './sign-in-operations';

describe('signInFieldCount', () => {
  it.each([
    ['a login', { query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }' }, 1],
    ['a service login', { query: 'mutation { serviceLogin(clientId: "wechat", clientSecret: "x") { token } }' }, 1],
    ['aliased logins, each one', { query: 'mutation { a: login(phone: "1", password: "x") { token } b: login(phone: "1", password: "y") { token } }' }, 2],
    ['logins in fragments', { query: 'mutation { ...F ... on Mutation { login(phone: "1", password: "y") { token } } } fragment F on Mutation { login(phone: "1", password: "x") { token } }' }, 2],
    ['the named operation of several', { query: 'query Q { me { id } } mutation L { login(phone: "1", password: "x") { token } }', operationName: 'L' }, 1],
    ['another named operation', { query: 'query Q { me { id } } mutation L { login(phone: "1", password: "x") { token } }', operationName: 'Q' }, 0],
    ['a query naming login elsewhere', { query: '{ me { id } tickets(filter: { category: "login" }) { totalCount } }' }, 0],
    ['another mutation', { query: 'mutation { changeMyPassword(current: "a", next: "b") }' }, 0],
    ['a field called login below the root', { query: 'mutation { createMember(input: {}) { login } }' }, 0],
    ['no GraphQL body', 'login', 0],
    ['a body that does not parse', { query: 'mutation { login(' }, 0],
    ['no body', undefined, 0],
  ])('counts %s', (_label, body, expected) => {
    expect(signInFieldCount(body)).toBe(expected);
  });
});
