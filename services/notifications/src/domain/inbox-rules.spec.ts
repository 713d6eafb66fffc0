import { assertAllOwn, MAX_READ_IDS, readRequestIds } from './inbox-rules';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('readRequestIds', () => {
  it.each([
    ['no ids', [], 'BAD_USER_INPUT'],
    ['too many ids', Array.from({ length: MAX_READ_IDS + 1 }, (_, index) => `n${index}`), 'BAD_USER_INPUT'],
    ['a blank id', ['n1', ' '], 'BAD_USER_INPUT'],
    ['one id', ['n1'], 'OK'],
    ['the most ids', Array.from({ length: MAX_READ_IDS }, (_, index) => `n${index}`), 'OK'],
  ])('%s → %s', (_, ids, expected) => {
    expect(codeOf(() => readRequestIds(ids))).toBe(expected);
  });

  it('drops repeated ids', () => {
    expect(readRequestIds(['a', 'b', 'a'])).toEqual(['a', 'b']);
  });
});

describe('assertAllOwn', () => {
  const found = [
    { id: 'mine', recipientId: 'm1' },
    { id: 'theirs', recipientId: 'm2' },
  ];
  it.each([
    ['own messages', ['mine'], 'OK'],
    ["another member's message", ['mine', 'theirs'], 'NOT_FOUND'],
    ['an unknown id', ['mine', 'nowhere'], 'NOT_FOUND'],
  ])('%s → %s', (_, ids, expected) => {
    expect(codeOf(() => assertAllOwn(ids, found, 'm1'))).toBe(expected);
  });
});
