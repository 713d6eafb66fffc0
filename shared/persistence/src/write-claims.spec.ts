import type { Db, MongoClient } from 'mongodb';
import { memoryClaims } from '../test/memory-claims';
import { backoffDelayMs, RetryPolicies } from './retry';
import { ClaimBusyError, claimKey, documentIdOf, evictionKey, isExpired, WriteClaims } from './write-claims';
import { claimsRequired, isFerretDb, setWriteClaimsMode, writeClaimsOf } from './write-claims-mode';

/*
 * The claims' own decisions against an in-memory claims collection; that an
 * insert of a held claim fails atomically, and what that buys across two
 * instances, is checked on the real FerretDB (test/write-claims.test.ts).
 */

const NOW = Date.parse('2026-12-01T08:00:00Z');
const NO_PAUSE = { name: 'test', attempts: 3, baseDelayMs: 0, maxDelayMs: 0 };

function claimsOn(memory = memoryClaims(), required = true) {
  return { memory, claims: new WriteClaims(memory.asCollection(), async () => required, { leaseMs: 30_000, wait: NO_PAUSE, now: () => NOW }) };
}

const heldUntil = (id: string, holder: string, at: number) => ({ _id: id, holder, expiresAt: new Date(at) });

describe('claim keys', () => {
  it('names a document by its collection and id, and an eviction by the holding it evicts', () => {
    expect(claimKey('tickets', 't-1')).toBe('tickets:t-1');
    expect(claimKey('visit-members', 'm-7')).toBe('visit-members:m-7');
    expect(evictionKey({ _id: 'tickets:t-1', holder: 'p:3' })).toBe('tickets:t-1~p:3');
  });

  it('keys a filter by a single _id only', () => {
    expect(documentIdOf({ _id: 'u1', version: 3 })).toBe('u1');
    expect(documentIdOf({ _id: 7 })).toBe('7');
    expect(documentIdOf({ _id: { toHexString: () => 'abc' } })).toBe('abc');
    expect(documentIdOf({ _id: { $in: ['a', 'b'] } })).toBeUndefined();
    expect(documentIdOf({ status: 'OPEN' })).toBeUndefined();
  });

  it.each([
    [NOW - 1, true],
    [NOW, true],
    [NOW + 1, false],
  ])('a lease ending at %i has run out at NOW: %s', (end, expired) => {
    expect(isExpired({ expiresAt: new Date(end) }, NOW)).toBe(expired);
  });
});

describe('waiting for a claim (CLAIM_WAIT)', () => {
  it('pauses with full jitter under 100 ms each, at most about 3.6 s in all', () => {
    const policy = RetryPolicies.CLAIM_WAIT;
    const worst = Array.from({ length: policy.attempts - 1 }, (_, i) => backoffDelayMs(policy, i + 1, () => 0.999999));
    expect(Math.max(...worst)).toBe(99);
    expect(worst.slice(0, 3)).toEqual([4, 9, 19]);
    expect(worst.reduce((sum, pause) => sum + pause, 0)).toBeLessThan(3_700);
    expect(backoffDelayMs(policy, 30, () => 0)).toBe(0);
  });
});

describe('write claims mode', () => {
  it.each([
    ['auto', { version: '7.0.42', ferretdbVersion: '1.24.2' }, true],
    ['auto', { version: '7.0.14' }, false],
    ['always', undefined, true],
    ['always', { version: '7.0.14' }, true],
    ['never', { version: '7.0.42', ferretdbVersion: '1.24.2' }, false],
  ] as const)('%s on %j: claims %s', (mode, buildInfo, required) => {
    expect(claimsRequired(mode, buildInfo)).toBe(required);
  });

  it('recognises FerretDB by the ferretdbVersion it adds to buildInfo', () => {
    expect(isFerretDb({ version: '7.0.42', ferretdbVersion: 'unknown' })).toBe(true);
    expect(isFerretDb({ version: '7.0.42' })).toBe(false);
    expect(() => claimsRequired('auto')).toThrow('buildInfo');
  });

  function fakeDb(client: object, databaseName: string, asked: string[]): Db {
    return {
      client,
      databaseName,
      collection: () => memoryClaims().asCollection(),
      admin: () => ({
        command: async (command: object) => {
          asked.push(Object.keys(command)[0]);
          return { version: '7.0.42', ferretdbVersion: '1.24.2' };
        },
      }),
    } as unknown as Db;
  }

  it('decides once per connection, for every database and store on it', async () => {
    const client = {};
    const asked: string[] = [];
    const tickets = writeClaimsOf(fakeDb(client, 'steward_tickets', asked));
    expect(writeClaimsOf(fakeDb(client, 'steward_tickets', asked))).toBe(tickets);
    const visits = writeClaimsOf(fakeDb(client, 'steward_visits', asked));
    expect(await tickets.required()).toBe(true);
    expect(await visits.required()).toBe(true);
    expect(asked).toEqual(['buildInfo']);
    expect(() => setWriteClaimsMode(client as MongoClient, 'never')).toThrow('decided as auto already');
  });

  it('takes the configured mode without asking the server', async () => {
    const client = {};
    const asked: string[] = [];
    setWriteClaimsMode(client as MongoClient, 'never');
    expect(await writeClaimsOf(fakeDb(client, 'steward_org', asked)).required()).toBe(false);
    expect(asked).toEqual([]);
  });
});

describe('WriteClaims', () => {
  it('holds the claim while the work runs and deletes it after, failed work too', async () => {
    const { memory, claims } = claimsOn();
    expect(await claims.hold(['tickets:t-1'], async () => [...memory.docs.keys()])).toEqual(['tickets:t-1']);
    await expect(claims.hold(['tickets:t-1'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(memory.docs.size).toBe(0);
    expect(memory.calls).toEqual(['insert tickets:t-1', 'delete tickets:t-1', 'insert tickets:t-1', 'delete tickets:t-1']);
  });

  it('run claims only where the database needs claims; hold always', async () => {
    const { memory, claims } = claimsOn(memoryClaims(), false);
    expect(await claims.run(['org_units:u-1'], async () => 'written')).toBe('written');
    expect(memory.calls).toEqual([]);
    await claims.hold(['visit-members:m-1'], async () => undefined);
    expect(memory.calls).toEqual(['insert visit-members:m-1', 'delete visit-members:m-1']);
  });

  it('gives up with CONFLICT after the wait while another holder’s lease runs, leaving its claim alone', async () => {
    const { memory, claims } = claimsOn();
    memory.docs.set('tickets:t-1', heldUntil('tickets:t-1', 'other', NOW + 1));
    let ran = false;
    const attempt = claims.hold(['tickets:t-1'], async () => (ran = true));
    await expect(attempt).rejects.toBeInstanceOf(ClaimBusyError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', message: 'tickets:t-1 is being changed by someone else; retry' });
    expect(ran).toBe(false);
    expect(memory.docs.get('tickets:t-1')?.holder).toBe('other');
    expect(memory.calls).toEqual(['refused tickets:t-1', 'refused tickets:t-1', 'refused tickets:t-1']);
  });

  it('evicts a claim whose lease ran out (its holder died) under an eviction claim, then takes it', async () => {
    const { memory, claims } = claimsOn();
    memory.docs.set('tickets:t-1', heldUntil('tickets:t-1', 'dead', NOW - 1));
    await claims.hold(['tickets:t-1'], async () => undefined);
    expect(memory.calls).toEqual([
      'refused tickets:t-1',
      'insert tickets:t-1~dead',
      'delete tickets:t-1',
      'delete tickets:t-1~dead',
      'insert tickets:t-1',
      'delete tickets:t-1',
    ]);
    expect(memory.docs.size).toBe(0);
  });

  it('leaves a stale claim to the writer evicting it, and evicts an eviction whose writer died too', async () => {
    const { memory, claims } = claimsOn();
    memory.docs.set('tickets:t-1', heldUntil('tickets:t-1', 'dead', NOW - 1));
    memory.docs.set('tickets:t-1~dead', heldUntil('tickets:t-1~dead', 'evicting', NOW + 1));
    await expect(claims.hold(['tickets:t-1'], async () => undefined)).rejects.toBeInstanceOf(ClaimBusyError);
    expect(memory.docs.get('tickets:t-1')?.holder).toBe('dead');

    memory.docs.set('tickets:t-1~dead', heldUntil('tickets:t-1~dead', 'evicting', NOW - 1));
    memory.calls.length = 0;
    await claims.hold(['tickets:t-1'], async () => undefined);
    expect(memory.calls.filter((call) => call.startsWith('delete'))).toEqual([
      'delete tickets:t-1~dead',
      'delete tickets:t-1~dead~evicting',
      'delete tickets:t-1',
      'delete tickets:t-1~dead',
      'delete tickets:t-1',
    ]);
    expect(memory.docs.size).toBe(0);
  });

  it('takes several claims in sorted order and releases those it got when one stays held', async () => {
    const { memory, claims } = claimsOn();
    await claims.hold(['org_units:c', 'org_units:a', 'org_units:b', 'org_units:a'], async () => undefined);
    expect(memory.calls.filter((call) => call.startsWith('insert'))).toEqual(['insert org_units:a', 'insert org_units:b', 'insert org_units:c']);

    memory.docs.set('org_units:b', heldUntil('org_units:b', 'other', NOW + 1));
    await expect(claims.hold(['org_units:c', 'org_units:a', 'org_units:b'], async () => undefined)).rejects.toBeInstanceOf(ClaimBusyError);
    expect([...memory.docs.keys()]).toEqual(['org_units:b']);
  });

  it('takes several free claims in one insert and gives them back in one delete', async () => {
    const { memory, claims } = claimsOn();
    const calls: string[] = [];
    const collection = memory.asCollection() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of ['insertOne', 'insertMany', 'deleteOne', 'deleteMany']) {
      const original = collection[method];
      collection[method] = (...args: unknown[]) => {
        calls.push(method);
        return original(...args);
      };
    }
    await claims.hold(['visits:b', 'visits:a', 'visits:c'], async () => undefined);
    expect(calls).toEqual(['insertMany', 'deleteMany']);
    expect(memory.docs.size).toBe(0);

    // one of them held: the others are given back, then taken one by one in order (and given back when it stays held)
    memory.docs.set('visits:b', heldUntil('visits:b', 'other', NOW + 1));
    memory.calls.length = 0;
    await expect(claims.hold(['visits:c', 'visits:a', 'visits:b'], async () => undefined)).rejects.toBeInstanceOf(ClaimBusyError);
    expect(memory.calls.slice(0, 6)).toEqual(['insert visits:a', 'refused visits:b', 'insert visits:c', 'delete visits:a', 'delete visits:c', 'insert visits:a']);
    expect([...memory.docs.keys()]).toEqual(['visits:b']);
  });

  it('gives back what a failing insert of several took before it failed, and passes the failure on', async () => {
    const { memory, claims } = claimsOn();
    const collection = memory.asCollection() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const insertMany = collection.insertMany;
    const lost = new Error('connection reset');
    // the first of them is written, then the connection goes
    collection.insertMany = async (many: unknown) => {
      await insertMany((many as unknown[]).slice(0, 1));
      throw lost;
    };
    let worked = false;
    await expect(claims.hold(['visits:b', 'visits:a'], async () => (worked = true))).rejects.toBe(lost);
    expect(worked).toBe(false);
    expect(memory.calls).toEqual(['insert visits:a', 'delete visits:a']);
    expect(memory.docs.size).toBe(0);
  });
});
