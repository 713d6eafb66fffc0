import { liveEndedSessions, nextCredentialsVersion, withEndedSession, type EndedSession } from './session-rules';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute));
const NOW = at(30);

describe('liveEndedSessions', () => {
  it.each<[string, EndedSession[], string[]]>([
    ['none', [], []],
    ['a token still valid', [{ id: 's-1', until: at(40) }], ['s-1']],
    ['a token expiring right now', [{ id: 's-1', until: NOW }], ['s-1']],
    ['an expired token', [{ id: 's-1', until: at(29) }], []],
    ['both kinds', [{ id: 's-1', until: at(10) }, { id: 's-2', until: at(44) }], ['s-2']],
  ])('keeps %s', (_label, sessions, kept) => {
    expect(liveEndedSessions(sessions, NOW).map((session) => session.id)).toEqual(kept);
  });
});

describe('withEndedSession', () => {
  it.each<[string, EndedSession[], EndedSession[]]>([
    ['adds the session', [], [{ id: 's-9', until: at(45) }]],
    ['drops expired sessions while adding', [{ id: 's-1', until: at(1) }, { id: 's-2', until: at(35) }], [{ id: 's-2', until: at(35) }, { id: 's-9', until: at(45) }]],
    ['keeps one entry per session, with the later end', [{ id: 's-9', until: at(50) }], [{ id: 's-9', until: at(50) }]],
    ['extends an earlier end', [{ id: 's-9', until: at(40) }], [{ id: 's-9', until: at(45) }]],
  ])('%s', (_label, sessions, expected) => {
    expect(withEndedSession(sessions, 's-9', at(45), NOW)).toEqual(expected);
  });
});

describe('nextCredentialsVersion', () => {
  it.each<[number | undefined, number]>([
    [undefined, 1],
    [0, 1],
    [7, 8],
  ])('after %s comes %s', (current, next) => {
    expect(nextCredentialsVersion(current)).toBe(next);
  });
});
