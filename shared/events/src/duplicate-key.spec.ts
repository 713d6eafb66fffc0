import { isDuplicateKeyError, refusedDuplicates } from './duplicate-key';

/** Errors as the driver hands them over (see the comment in duplicate-key.ts for where each comes from). */
const ferretInsert = { name: 'MongoServerError', code: 11000, message: 'E11000 duplicate key error collection: steward.members' };
const ferretBulkEntry = { code: 11000, index: 0, errmsg: 'E11000 duplicate key error collection: steward.members' };
const ferretUpdate = {
  name: 'MongoServerError',
  code: 1,
  codeName: 'InternalError',
  message:
    "[msg_update.go:133 handler.(*Handler).updateDocument] constraint failed: UNIQUE constraint failed: index 'members_37e24810_phone_1' (2067)",
};
const mongoInsert = {
  name: 'MongoServerError',
  code: 11000,
  message: 'E11000 duplicate key error collection: steward.members index: phone_1 dup key: { phone: "13800000000" }',
};
const mongoOtherIndex = { code: 11000, message: 'E11000 duplicate key error collection: steward.org_units index: codeKey_1 dup key: { codeKey: "3405" }' };

describe('isDuplicateKeyError', () => {
  it.each([
    ['FerretDB insert (E11000, no index named)', ferretInsert, true],
    ['an entry of a bulk write', ferretBulkEntry, true],
    ['FerretDB update (SQLite UNIQUE constraint)', ferretUpdate, true],
    ['MongoDB insert', mongoInsert, true],
    ['another server error', { code: 1, message: 'InternalError: disk full' }, false],
    ['a plain Error', new Error('boom'), false],
    ['a string', 'E11000', false],
    ['null', null, false],
    ['undefined', undefined, false],
  ])('%s → %s', (_label, error, expected) => {
    expect(isDuplicateKeyError(error)).toBe(expected);
  });

  it.each([
    ['FerretDB update naming the phone index', ferretUpdate, true],
    ['MongoDB naming the phone index', mongoInsert, true],
    ['MongoDB naming another index', mongoOtherIndex, false],
    ['FerretDB E11000 naming no index', ferretInsert, true],
    ['FerretDB update naming another index', { ...ferretUpdate, message: "UNIQUE constraint failed: index 'members_37e24810_email_1' (2067)" }, false],
    ['not a duplicate at all', { code: 1, message: 'index: phone_1' }, false],
  ])('with index "phone": %s → %s', (_label, error, expected) => {
    expect(isDuplicateKeyError(error, { index: 'phone' })).toBe(expected);
  });
});

describe('refusedDuplicates', () => {
  it('gives the positions an unordered bulk insert had refused as duplicates', () => {
    const bulk = { code: 11000, writeErrors: [ferretBulkEntry, { ...ferretBulkEntry, index: 3 }] };
    expect(refusedDuplicates(bulk)).toEqual(new Set([0, 3]));
    expect(refusedDuplicates({ writeErrors: { ...ferretBulkEntry, index: 2 } })).toEqual(new Set([2]));
    // the driver's WriteError keeps code and message under err
    expect(refusedDuplicates({ writeErrors: [{ index: 1, err: { code: 11000, errmsg: 'E11000 duplicate key' } }] })).toEqual(new Set([1]));
  });

  it('is undefined for any other failure, so that the caller rethrows it', () => {
    expect(refusedDuplicates(new Error('connection reset'))).toBeUndefined();
    expect(refusedDuplicates({ writeErrors: [ferretBulkEntry, { index: 1, code: 2, errmsg: 'bad value' }] })).toBeUndefined();
    expect(refusedDuplicates(null)).toBeUndefined();
  });
});
