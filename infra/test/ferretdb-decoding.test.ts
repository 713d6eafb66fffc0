// The local FerretDB's patched document decoding (infra/ferretdb/patches/0006): FerretDB's own
// Go tests of the patched package, including a comparison with the original decoder on random
// documents, and documents with every kind of value written and read back through the real server.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { MONGO_URL, uniqueName } from '@steward/testing';
import { Binary, Decimal128, Double, Int32, Long, MongoClient, ObjectId, type Db } from 'mongodb';

const repoRoot = path.resolve(__dirname, '../..');

describe('FerretDB document decoding (patch 0006)', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(MONGO_URL);
    db = client.db(uniqueName('decoding').replace(/-/g, '_'));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it("passes FerretDB's own tests of the patched package", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'infra/ferretdb/patch-tests.mjs')], {
      cwd: repoRoot,
      timeout: 600_000,
    });
    expect(stdout).toMatch(/^ok\s+github\.com\/FerretDB\/FerretDB\/internal\/handler\/sjson/m);
  }, 660_000);

  it('reads back exactly what was written, whatever the values', async () => {
    const strings = ['', '太平村 村民大管家', 'quote " and \\ backslash', 'tab\tline\nend', '<b>&amp;</b>', '\u2028\u2029', '🐄', '0123456789abcdef01234567'];
    const docs = strings.map((text, i) => ({
      _id: `doc-${i}`,
      text,
      int: new Int32(-2147483648 + i),
      long: Long.fromString('9007199254740993'),
      double: new Double(i === 0 ? -0.5 : 1e300 / (i + 1)),
      whole: new Double(3),
      date: new Date(Date.UTC(2026, 11, 7, 12, 0, 0, i)),
      before1970: new Date(-86_400_000 * (i + 1)),
      flag: i % 2 === 0,
      nothing: null,
      oid: new ObjectId('0123456789abcdef0123456' + String(i % 10)),
      bytes: new Binary(Buffer.from(text, 'utf8')),
      nested: { path: ['城', '镇', text], deeper: { list: [1, 'two', { at: new Date(0) }, { none: [] }], empty: {} } },
      timeline: Array.from({ length: i }, (_, step) => ({ step, note: strings[step], at: new Date(1_700_000_000_000 + step) })),
    }));
    const collection = db.collection<{ _id: string } & Record<string, unknown>>('values');
    await collection.insertMany(docs);

    const read = await collection.find({}, { promoteLongs: false, promoteValues: false }).sort({ _id: 1 }).toArray();
    const written = docs.map((doc) => ({ ...doc })).sort((a, b) => a._id.localeCompare(b._id));
    expect(read.map((doc) => JSON.stringify(doc))).toEqual(written.map((doc) => JSON.stringify(doc)));
    // the typed values keep their BSON types
    expect(read[1]?.int).toBeInstanceOf(Int32);
    expect(read[1]?.long).toEqual(Long.fromString('9007199254740993'));
    expect(read[1]?.whole).toBeInstanceOf(Double);
    expect((read[1]?.bytes as Binary).buffer.toString()).toBe(strings[1]);
    expect(await collection.countDocuments({ text: '太平村 村民大管家' })).toBe(1);
    expect(await collection.countDocuments({ 'nested.path': '镇' })).toBe(strings.length);
    // (Decimal128 is not stored by FerretDB 1.x: refused, not garbled)
    await expect(collection.insertOne({ _id: 'decimal', value: Decimal128.fromString('1.5') })).rejects.toThrow();
  });
});
