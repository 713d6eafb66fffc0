import { signUserContext, SIGNATURE_HEADER, TIMESTAMP_HEADER, USER_CONTEXT_HEADER, verifyUserContext } from './user-context';
import type { Principal } from './principal';

const SECRET = 'current-secret-0123456789';
const PREVIOUS = 'previous-secret-0123456789';
const member: Principal = { kind: 'MEMBER', id: 'm-1', grants: [{ role: 'GRID_MEMBER', unitId: 'g-1' }] };
const NOW = 1_800_000_000_000;

describe('signed user context', () => {
  it('round-trips the principal under the current or the previous secret', () => {
    expect(verifyUserContext(signUserContext(member, SECRET, NOW), [SECRET, PREVIOUS], NOW + 1000)).toEqual({ ok: true, principal: member });
    expect(verifyUserContext(signUserContext(member, PREVIOUS, NOW), [SECRET, PREVIOUS], NOW)).toEqual({ ok: true, principal: member });
  });

  const forged = (change: (headers: Record<string, string>) => void) => {
    const headers: Record<string, string> = { ...signUserContext(member, SECRET, NOW) };
    change(headers);
    return verifyUserContext(headers, [SECRET], NOW);
  };

  it.each([
    ['no headers at all', () => verifyUserContext({}, [SECRET], NOW), 'MISSING'],
    ['a signature under another secret', () => verifyUserContext(signUserContext(member, 'some-other-secret-xyz', NOW), [SECRET], NOW), 'BAD_SIGNATURE'],
    ['a principal swapped for an admin', () => forged((h) => (h[USER_CONTEXT_HEADER] = Buffer.from(JSON.stringify({ kind: 'ADMIN', id: 'x' })).toString('base64url'))), 'BAD_SIGNATURE'],
    ['a changed timestamp', () => forged((h) => (h[TIMESTAMP_HEADER] = String(NOW + 1))), 'BAD_SIGNATURE'],
    ['a signature without its version', () => forged((h) => (h[SIGNATURE_HEADER] = h[SIGNATURE_HEADER].slice(3))), 'MALFORMED'],
    ['a missing timestamp', () => forged((h) => delete h[TIMESTAMP_HEADER]), 'MALFORMED'],
    ['a header set older than a minute', () => verifyUserContext(signUserContext(member, SECRET, NOW - 61_000), [SECRET], NOW), 'STALE'],
    ['a header set from the future', () => verifyUserContext(signUserContext(member, SECRET, NOW + 61_000), [SECRET], NOW), 'STALE'],
  ])('refuses %s', (_label, verify, reason) => {
    expect(verify()).toEqual({ ok: false, reason });
  });

  it('refuses a validly signed context that is not a principal', () => {
    const headers = signUserContext({ kind: 'ROOT' } as unknown as Principal, SECRET, NOW);
    expect(verifyUserContext(headers, [SECRET], NOW)).toEqual({ ok: false, reason: 'MALFORMED' });
  });
});
