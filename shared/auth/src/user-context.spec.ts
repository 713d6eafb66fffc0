import { createHmac } from 'node:crypto';
import type { Principal } from './principal';
import {
  AUDIENCE_HEADER,
  bodyDigest,
  deriveSubgraphKey,
  readUserContextHeaders,
  signUserContext,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  USER_CONTEXT_HEADER,
  userContextSigner,
  verifyUserContext,
} from './user-context';

const MASTER = 'current-master-secret-0123456789-abcdef';
const PREVIOUS_MASTER = 'previous-master-secret-0123456789-abcdef';
const member: Principal = { kind: 'MEMBER', id: 'm-1', grants: [{ role: 'GRID_MEMBER', unitId: 'g-1' }] };
const NOW = 1_800_000_000_000;
const BODY = JSON.stringify({ query: '{ me { id } }', variables: {} });
const TICKETS = { audience: 'tickets', body: BODY };
const sign = userContextSigner(MASTER);
const ticketsKeys = { audience: 'tickets', keys: [deriveSubgraphKey(MASTER, 'tickets')] };

describe('deriveSubgraphKey', () => {
  it('is HMAC-SHA256(master, "steward-user-context:" + name) in hex, different per subgraph and per master', () => {
    expect(deriveSubgraphKey(MASTER, 'tickets')).toBe(createHmac('sha256', MASTER).update('steward-user-context:tickets').digest('hex'));
    expect(deriveSubgraphKey(MASTER, 'tickets')).toMatch(/^[0-9a-f]{64}$/);
    expect(deriveSubgraphKey(MASTER, 'members')).not.toBe(deriveSubgraphKey(MASTER, 'tickets'));
    expect(deriveSubgraphKey(PREVIOUS_MASTER, 'tickets')).not.toBe(deriveSubgraphKey(MASTER, 'tickets'));
  });
});

describe('bodyDigest', () => {
  it('hashes the exact bytes; no body hashes like an empty one', () => {
    expect(bodyDigest(undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bodyDigest('')).toBe(bodyDigest(undefined));
    expect(bodyDigest('村')).toBe(bodyDigest(Buffer.from('村', 'utf8')));
    expect(bodyDigest('{"a":1}')).not.toBe(bodyDigest('{"a": 1}'));
  });
});

describe('signed user context', () => {
  it('round-trips the principal for its audience and body, under the current or a previous key', () => {
    expect(verifyUserContext(sign(member, TICKETS, NOW), BODY, ticketsKeys, NOW + 1000)).toEqual({ ok: true, principal: member });
    const rotating = { audience: 'tickets', keys: [deriveSubgraphKey(MASTER, 'tickets'), deriveSubgraphKey(PREVIOUS_MASTER, 'tickets')] };
    expect(verifyUserContext(userContextSigner(PREVIOUS_MASTER)(member, TICKETS, NOW), BODY, rotating, NOW)).toEqual({ ok: true, principal: member });
    expect(verifyUserContext(signUserContext(member, deriveSubgraphKey(MASTER, 'tickets'), TICKETS, NOW), Buffer.from(BODY), ticketsKeys, NOW)).toEqual({
      ok: true,
      principal: member,
    });
  });

  it('signs a GET without a body as an empty body', () => {
    const headers = sign(member, { audience: 'tickets', body: undefined }, NOW);
    expect(verifyUserContext(headers, undefined, ticketsKeys, NOW)).toEqual({ ok: true, principal: member });
    expect(verifyUserContext(headers, Buffer.alloc(0), ticketsKeys, NOW)).toEqual({ ok: true, principal: member });
  });

  const forged = (change: (headers: Record<string, string>) => void, body = BODY) => {
    const headers: Record<string, string> = { ...sign(member, TICKETS, NOW) };
    change(headers);
    return verifyUserContext(headers, body, ticketsKeys, NOW);
  };
  const membersKeys = { audience: 'members', keys: [deriveSubgraphKey(MASTER, 'members')] };

  it.each([
    ['no headers at all', () => verifyUserContext({}, BODY, ticketsKeys, NOW), 'MISSING'],
    ['a context signed for tickets, at members', () => verifyUserContext(sign(member, TICKETS, NOW), BODY, membersKeys, NOW), 'WRONG_AUDIENCE'],
    ['a context for tickets relabelled as for members', () => verifyUserContext({ ...sign(member, TICKETS, NOW), [AUDIENCE_HEADER]: 'members' }, BODY, membersKeys, NOW), 'BAD_SIGNATURE'],
    ['a context signed with the master secret itself', () => verifyUserContext(signUserContext(member, Buffer.from(MASTER).toString('hex'), TICKETS, NOW), BODY, ticketsKeys, NOW), 'BAD_SIGNATURE'],
    ['a context signed by another subgraph’s key', () => verifyUserContext(signUserContext(member, deriveSubgraphKey(MASTER, 'members'), TICKETS, NOW), BODY, ticketsKeys, NOW), 'BAD_SIGNATURE'],
    ['a signature under another master', () => verifyUserContext(userContextSigner('some-other-master-secret-0123456789')(member, TICKETS, NOW), BODY, ticketsKeys, NOW), 'BAD_SIGNATURE'],
    ['another body under a valid signature', () => forged(() => undefined, JSON.stringify({ query: 'mutation { retireOrgUnit(id: "x") { id } }' })), 'BAD_SIGNATURE'],
    ['the body re-serialised', () => forged(() => undefined, JSON.stringify(JSON.parse(BODY), null, 1)), 'BAD_SIGNATURE'],
    ['a principal swapped for an admin', () => forged((h) => (h[USER_CONTEXT_HEADER] = Buffer.from(JSON.stringify({ kind: 'ADMIN', id: 'x' })).toString('base64url'))), 'BAD_SIGNATURE'],
    ['a changed timestamp', () => forged((h) => (h[TIMESTAMP_HEADER] = String(NOW + 1))), 'BAD_SIGNATURE'],
    ['a signature without its version', () => forged((h) => (h[SIGNATURE_HEADER] = h[SIGNATURE_HEADER].slice(3))), 'MALFORMED'],
    ['a signature of the old v1 scheme', () => forged((h) => (h[SIGNATURE_HEADER] = `v1=${h[SIGNATURE_HEADER].slice(3)}`)), 'MALFORMED'],
    ['a missing audience', () => forged((h) => delete h[AUDIENCE_HEADER]), 'MALFORMED'],
    ['a missing timestamp', () => forged((h) => delete h[TIMESTAMP_HEADER]), 'MALFORMED'],
    ['a header set older than a minute', () => verifyUserContext(sign(member, TICKETS, NOW - 61_000), BODY, ticketsKeys, NOW), 'STALE'],
    ['a header set from the future', () => verifyUserContext(sign(member, TICKETS, NOW + 61_000), BODY, ticketsKeys, NOW), 'STALE'],
  ])('refuses %s', (_label, verify, reason) => {
    expect(verify()).toEqual({ ok: false, reason });
  });

  it('refuses a validly signed context that is not a principal', () => {
    const headers = sign({ kind: 'ROOT' } as unknown as Principal, TICKETS, NOW);
    expect(verifyUserContext(headers, BODY, ticketsKeys, NOW)).toEqual({ ok: false, reason: 'MALFORMED' });
  });

  it('tells an unsigned from a malformed header set without key or body', () => {
    expect(readUserContextHeaders({})).toEqual({ ok: false, reason: 'MISSING' });
    expect(readUserContextHeaders({ [USER_CONTEXT_HEADER]: 'x' })).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(readUserContextHeaders(sign(member, TICKETS, NOW)).ok).toBe(true);
  });
});
