#!/usr/bin/env node
// Compares a FerretDB built with patches/ (filter pushdown) against a baseline FerretDB:
// identical results for edge-case filters, and timings of typical query shapes.
// Both servers must already run with their own (scratch) data directories; the script drops
// and recreates the database it uses on each.
//
//   node infra/ferretdb/pushdown-check.mjs [--patched URI] [--baseline URI] [--docs N] [--db NAME]
//
// Defaults: patched mongodb://127.0.0.1:27117, baseline mongodb://127.0.0.1:27118, 200000 docs.
// Never point it at the shared instance on 27017.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { MongoClient, ObjectId, Long, Double, Int32 } = createRequire(path.join(repoRoot, 'package.json'))('mongodb');

const { values: opts } = parseArgs({
  options: {
    patched: { type: 'string', default: 'mongodb://127.0.0.1:27117' },
    baseline: { type: 'string', default: 'mongodb://127.0.0.1:27118' },
    docs: { type: 'string', default: '200000' },
    db: { type: 'string', default: 'pushdown_check' },
    'skip-load': { type: 'boolean', default: false },
  },
});
for (const uri of [opts.patched, opts.baseline]) {
  if (/:27017\b/.test(uri)) throw new Error(`refusing to drop databases on the shared instance (${uri})`);
}
const DOCS = Number(opts.docs);
const print = (...parts) => process.stdout.write(`${parts.join(' ')}\n`);

const oid = new ObjectId('0123456789abcdef01234567');
const oidHex = oid.toHexString();

// Documents with values that are easy to get wrong in SQL: type mixes, arrays, escapes, -0.
function edgeDocs() {
  const vals = [
    'a', 'b', '', 'A', 'é', '<&>', 'quo"te', 'back\\slash', 'line\nbreak', '\u2028', '日本', '5', 'true', oidHex,
    oid, 5, new Int32(5), new Long(5), new Double(5), 5.5, new Double(-0), 0, new Long(0), 1, -3,
    new Long('9007199254740993'), 2 ** 60, 1e21, true, false, null, new Date(5),
    ['a', 'b'], ['b'], [5, 'a'], [{ a: ['a'] }], ['<&>', 'é', '日本'], ['quo"te', 'back\\slash', 'line\nbreak', '\u2028', '\u0001'], [oidHex, 'x'], [], [true], [1], [null], [oid], [oidHex], [new Double(-0)],
    { a: 5 }, { x: 'a' }, [{ a: 5 }],
  ];
  const docs = [];
  let id = 0;
  for (const v of vals) {
    docs.push({ _id: `e${id++}`, f: v, g: 'a', h: { f: v } });
    docs.push({ _id: `e${id++}`, f: v, g: v, tag: ['x', 'y'] });
  }
  docs.push({ _id: `e${id++}`, g: 'a' }); // missing f
  docs.push({ _id: 5, f: 'num-id' });
  docs.push({ _id: new Double(6), f: 'double-id' });
  docs.push({ _id: oid, f: 'oid-id' });
  docs.push({ _id: true, f: 'bool-id' });
  return docs;
}

function edgeQueries() {
  const probe = [
    'a', 'b', '', 'A', 'é', '<&>', 'quo"te', 'back\\slash', 'line\nbreak', '\u2028', '\u0001', '日本', '5', 'true', 'zzz', oidHex,
    oid, 5, new Int32(5), new Long(5), new Double(5), 5.5, new Double(-0), 0, new Long(0), 1, -3,
    new Long('9007199254740993'), 2 ** 60, 1e21, true, false, null, new Date(5), ['a', 'b'], { a: 5 }, /a/, /^b/, [5, 'a'],
  ];
  const queries = [];
  for (const field of ['f', 'g', 'h.f', '_id']) {
    for (const v of probe) {
      queries.push({ [field]: v }, { [field]: { $eq: v } }, { [field]: { $in: [v, 'b'] } });
    }
  }
  queries.push(
    { _id: 5 }, { _id: new Long(5) }, { _id: 6 }, { _id: new Int32(6) }, { _id: true }, { _id: 1 },
    { f: 'a', g: 'a' }, { f: 'a', g: { $ne: 'a' } }, { f: { $in: ['a', 5] }, tag: 'x' },
    { f: { $eq: 'a', $ne: 'b' } }, { f: { $in: [] } }, { f: { $exists: false } }, { f: { $in: ['a', null] } },
    { f: { $size: 2 } }, { $or: [{ f: 'a' }, { f: 5 }] }, { f: 'a', $comment: 'c' }, { 'f.0': 'a' },
    { f: { $in: [true, 1] } }, { f: { $all: ['a'] } }, { f: { $elemMatch: { $eq: 5 } } },
    // more values than SQLite parameters allow in one query
    { f: { $in: [...Array.from({ length: 12000 }, (_, i) => `x${i}`), 'a'] } },
    { _id: { $in: [...Array.from({ length: 40000 }, (_, i) => `y${i}`), 'e1', 5] } },
    { f: { $in: [...Array.from({ length: 40 }, (_, i) => `z${i}`), 'b'] } },
  );
  // $and / $or (0003): AND of the pushable parts, OR only when every branch is pushable
  const big = (p) => Array.from({ length: 12000 }, (_, i) => `${p}${i}`);
  queries.push(
    { $and: [{ f: 'a' }, { g: 'a' }] }, { $and: [{ f: 'a' }, { f: { $ne: 'b' } }] }, { $and: [{ f: 'a' }, { f: 'b' }] },
    { $and: [{ f: { $in: ['a', 'b', 5] } }, { $or: [{ g: 'a' }, { _id: { $in: ['e1', 'e3', 5] } }] }] },
    { $or: [{ $and: [{ f: 'a' }, { g: 'a' }] }, { f: 5 }] }, { $or: [{ f: 'a' }, { f: { $exists: false } }] },
    { $or: [{ f: 'a' }, {}] }, { $or: [{ f: 'a' }, { 'h.f': 'b' }] }, { $and: [{ 'h.f': 'a' }, { f: 'a' }] },
    { $or: [{ f: 'a' }, { g: 'b' }, { tag: 'x' }] }, { $or: [{ f: oid }, { f: oidHex }, { f: true }, { f: 0 }] },
    { f: 'a', $or: [{ g: 'a' }, { g: 'b' }] }, { $or: [{ f: 'a' }], $and: [{ g: 'a' }] }, { $or: [{ f: 'b' }], g: { $ne: 'a' } },
    { $and: [{ $or: [{ f: 'a' }, { f: 'b' }] }, { $or: [{ g: 'a' }, { tag: 'x' }] }] },
    { $or: [{ $or: [{ f: 'a' }, { $and: [{ g: 'b' }, { f: 'b' }] }] }, { $and: [{ $or: [{ _id: 'e7' }, { f: 5 }] }, { g: 5 }] }] },
    { $and: [{ $and: [{ $and: [{ f: { $in: ['a', 'b'] } }] }] }, { $nor: [{ g: 'a' }] }] },
    { $and: [{ f: { $in: [] } }, { g: 'a' }] }, { $or: [{ f: { $in: [] } }, { g: 'a' }] }, { $or: [{ f: null }, { g: 'a' }] },
    { $and: [{ f: 'a' }, { $comment: 'c' }] }, { $or: [{ f: 'a', 'h.f': 'a' }, { g: 'b' }] },
    { $nor: [{ f: 'a' }, { g: 'a' }] }, { $nor: [{ f: 'a' }], g: 'a' }, { $or: [{ $nor: [{ f: 'a' }] }, { f: 'a' }] },
    // malformed: errors exactly as without pushdown
    { $and: [] }, { $or: [] }, { $nor: [] }, { $and: 'x' }, { $or: [1] }, { $and: [{ f: 'a' }, 'x'] },
    { f: 'zzz', $or: [] }, { $and: [{ f: 'zzz' }, { $or: [{ $and: [] }] }] }, { $or: [{ f: 'a' }, { g: { $bad: 1 } }] },
    // more $in values than one query may have: the $or is left out, one $and element stays
    { $or: [{ f: { $in: [...big('x'), 'a'] } }, { g: { $in: [...big('y'), 'b'] } }] },
    { $and: [{ f: { $in: [...big('x'), 'a'] } }, { g: { $in: [...big('y'), 'a'] } }] },
  );
  // _id ranges (0003) on the mixed _ids of edgeDocs
  for (const v of ['e1', 'e10', 'e2', 'e', '', 'f', 'E', oidHex, oid, 5, new Date(5), true, null]) {
    for (const op of ['$gt', '$gte', '$lt', '$lte']) queries.push({ _id: { [op]: v } });
  }
  queries.push(
    { _id: { $gt: 'e1', $lt: 'e3' } }, { _id: { $gte: 'e1', $in: ['e1', 'e2', 5] } }, { _id: { $gt: 'e5' }, f: 'a' },
    { $and: [{ _id: { $gt: 'e10' } }, { $or: [{ f: 'a' }, { g: 'b' }] }] }, { $or: [{ _id: { $lt: 'e2' } }, { f: 5 }] },
    { _id: { $gt: 'e1', $ne: 'e2' } }, { _id: { $lt: 'e3', $gte: 'e3' } }, { _id: { $gt: 'e1', $eq: 'e1' } },
  );
  return queries;
}

// _ids whose sjson text sorts differently from the string: escapes, non-ASCII, ' ' and '!' before
// the closing quote, ObjectIDs and hex-like strings, other BSON types. (A string and an ObjectID with
// the same hex, or a number and a date with the same value, cannot both be _ids in FerretDB's SQLite
// backend: its unique _id index sees the same text. A null _id would be replaced by the driver.)
const rangeIds = [
  '', ' ', '!', '#', 'a', 'a ', 'a!', 'a"', 'a\\', 'a\n', 'a\u0001', 'a<', 'a&', 'a>', 'a\u2028', 'a\u2029', 'aé', 'a日', 'ab',
  'a~', 'a\u007f', 'A', 'Z', '[', '\\', ']', 'b', 'z', '~', 'é', '\u0001', '"', 'e1', 'e10', 'e2', 'ee', 'e\u2028e', 'e~',
  '0123456789abcdef0123456z', oid, new ObjectId('0123456789abcdef01234568'), new ObjectId('ffffffffffffffffffffffff'),
  5, -3, 2.5, new Long(7), new Double(-0), true, false, new Date(8), { a: 1 }, { a: 'b' },
];

async function compareRanges(pair) {
  const probes = [...rangeIds, 'a\u2027', 'a\u202a', 'a\u0000', 'e', 'e\u2028', 'e~~', 'a ~', 'a\u0020\u0021', 'aa', 'a[', 'a\\b', 'a]', 'a\u00ff', 'Zz', oidHex, new Date(5), null];
  const queries = [];
  for (const v of probes) {
    for (const op of ['$gt', '$gte', '$lt', '$lte']) queries.push({ _id: { [op]: v } });
  }
  queries.push({ _id: { $gt: 'a', $lt: 'b' } }, { _id: { $gte: 'a"', $lte: 'a~' } }, { _id: { $gt: oid, $lt: 'z' } });
  for (const side of pair) await side.db.collection('ranges').insertMany(rangeIds.map((_id, i) => ({ _id, f: i % 3 })));
  let checked = 0;
  const failures = [];
  for (const filter of queries) {
    for (const f of [filter, { ...filter, f: 1 }]) {
      for (const options of [{ sort: { _id: 1 } }, { sort: { _id: 1 }, limit: 4 }, { sort: { _id: -1 }, skip: 1, limit: 3 }]) {
        const [p, b] = await Promise.all(pair.map((side) => resultsOf(side.db.collection('ranges'), f, options)));
        checked++;
        if (key(p) !== key(b)) failures.push({ filter: f, options, patched: p, baseline: b });
      }
    }
  }
  return { checked, failures };
}

// countDocuments (aggregate $match + $group), the count command and aggregate $match + $sort + $limit
async function countsOf(coll, filter) {
  const run = async (f) => { try { return key(await f()); } catch (error) { return `error: ${error.codeName ?? error.message}`; } };
  return [
    await run(() => coll.countDocuments(filter)),
    await run(() => coll.db.command({ count: coll.collectionName, query: filter })).then((r) => r.replace(/,?"\$clusterTime".*$/, '')),
    await run(() => coll.aggregate([{ $match: filter }, { $sort: { _id: 1 } }, { $limit: 3 }, { $project: { _id: 1 } }]).toArray()),
  ];
}

function key(doc) {
  return JSON.stringify(doc, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

async function resultsOf(coll, filter, options = {}) {
  try {
    const docs = await coll.find(filter, options).toArray();
    return options.sort ? docs.map(key) : docs.map(key).sort();
  } catch (error) {
    return [`error: ${error.codeName ?? error.message}`];
  }
}

// Array values written after the index exists (multikey side tables are kept by triggers), and
// index / collection drops and recreation. Every step runs on both servers, then queries compare.
const lifecycleQueries = [
  { f: 'a' }, { f: 'b' }, { f: 'c' }, { f: 'z' }, { f: 5 }, { f: 0 }, { f: true }, { f: oidHex }, { f: oid },
  { f: { $in: ['a', 'c'] } }, { f: { $in: ['z', 5, 'q'] } }, { f: { $in: ['b', 'y'] } }, { f: 'y' }, { f: 'q' },
  { g: 'a' }, { g: 'b' }, { g: { $in: ['a', 'k'] } }, { g: 'k' }, { f: 'a', g: 'a' },
];
const lifecycleSteps = [
  ['insert', async (c) => c.insertMany([
    { _id: 'l1', f: ['a', 'b'], g: 'a' }, { _id: 'l2', f: 'a', g: ['a', 'k'] }, { _id: 'l3', f: ['a', 'a', 'c'] },
    { _id: 'l4', f: [5, 'z', null, { a: 'q' }, { a: ['q'] }] }, { _id: 5, f: ['b', oid] }, { _id: oid, f: [oidHex, true, 0] },
    { _id: 'l5', f: [] }, { _id: 'l6', f: 'b' }, { _id: 'l7', f: [new Double(-0)] },
  ])],
  ['$push', async (c) => c.updateMany({ _id: { $in: ['l1', 'l5', 'l6x'] } }, { $push: { f: 'y' } })],
  ['$pull', async (c) => c.updateOne({ _id: 'l3' }, { $pull: { f: 'a' } })],
  ['$set array', async (c) => c.updateOne({ _id: 'l6' }, { $set: { f: ['q', 'a'] } })],
  ['$set scalar', async (c) => c.updateOne({ _id: 'l1' }, { $set: { f: 'c' } })],
  ['$set g array', async (c) => c.updateOne({ _id: 'l3' }, { $set: { g: ['b', 'a'] } })],
  ['$unset', async (c) => c.updateOne({ _id: 5 }, { $unset: { f: 1 } })],
  ['replace', async (c) => c.replaceOne({ _id: 'l4' }, { f: ['z', 'a'], g: 'k' })],
  ['delete', async (c) => c.deleteOne({ _id: oid })],
  ['deleteMany', async (c) => c.deleteMany({ f: 'y' })],
  ['upsert', async (c) => c.updateOne({ _id: 'l8' }, { $set: { f: ['b', 'c'] } }, { upsert: true })],
  ['drop index', async (c) => c.dropIndex('f_1')],
  ['write without index', async (c) => c.insertOne({ _id: 'l9', f: ['a', 'q'] })],
  ['recreate index', async (c) => c.createIndex({ f: 1 })],
  ['write after recreate', async (c) => c.updateOne({ _id: 'l9' }, { $set: { f: ['c'] } })],
  ['drop g_1_f_1', async (c) => c.dropIndex('g_1_f_1')],
  ['dropIndexes', async (c) => c.dropIndexes()],
  ['index again', async (c) => c.createIndexes([{ key: { f: 1 } }, { key: { f: -1, g: 1 } }, { key: { g: 1 } }])],
  ['drop collection', async (c) => { await c.drop(); }],
  ['recreate collection', async (c) => {
    await c.insertMany([{ _id: 'l1', f: ['c'] }, { _id: 'm1', f: ['a', 'z'] }]);
    await c.createIndex({ f: 1 });
    await c.insertMany([{ _id: 'm2', f: ['b', 'a'] }, { _id: 'm3', f: 'a' }]);
  }],
  ['rename', async (c) => { await c.rename('lifecycle_renamed'); }],
  ['write after rename', async (c) => c.db.collection('lifecycle_renamed').insertOne({ _id: 'm4', f: ['a', 'y'] })],
];

async function compareLifecycle(pair) {
  let checked = 0;
  const failures = [];
  for (const side of pair) {
    const c = side.db.collection('lifecycle');
    await c.insertOne({ _id: 'l0', f: ['a'] });
    await c.createIndexes([{ key: { f: 1 } }, { key: { g: 1, f: 1 } }]);
  }
  for (const [step, run] of lifecycleSteps) {
    for (const side of pair) await run(side.db.collection('lifecycle'));
    const name = step === 'rename' || step === 'write after rename' ? 'lifecycle_renamed' : 'lifecycle';
    for (const filter of lifecycleQueries) {
      const [p, b] = await Promise.all(pair.map((side) => resultsOf(side.db.collection(name), filter)));
      checked++;
      if (key(p) !== key(b)) failures.push({ step, filter, patched: p, baseline: b });
    }
  }
  const names = await Promise.all(pair.map(async (side) => (await side.db.listCollections().toArray()).map((c) => c.name).sort()));
  checked++;
  if (key(names[0]) !== key(names[1])) failures.push({ step: 'listCollections', patched: names[0], baseline: names[1] });
  return { checked, failures };
}

async function compareEdgeCases(pair) {
  const queries = edgeQueries();
  let checked = 0;
  const failures = [];
  for (const indexed of [false, true]) {
    const name = indexed ? 'edge_indexed' : 'edge';
    for (const side of pair) {
      const coll = side.db.collection(name);
      await coll.insertMany(edgeDocs());
      if (indexed) await coll.createIndexes([{ key: { f: 1 } }, { key: { g: 1, f: 1 } }, { key: { 'h.f': 1 } }]);
    }
    for (const filter of queries) {
      for (const options of [{}, { sort: { _id: 1 }, skip: 1, limit: 3 }, { sort: { _id: -1 }, limit: 2 }, { sort: { _id: 1 }, limit: 1 }]) {
        const [p, b] = await Promise.all(pair.map((side) => resultsOf(side.db.collection(name), filter, options)));
        checked++;
        if (key(p) !== key(b)) failures.push({ coll: name, filter, options, patched: p, baseline: b });
      }
      const [pc, bc] = await Promise.all(pair.map((side) => countsOf(side.db.collection(name), filter)));
      checked++;
      if (key(pc) !== key(bc)) failures.push({ coll: name, filter, count: true, patched: pc, baseline: bc });
    }
  }
  return { checked, failures };
}

const ORG_ROOT = 'city';
function bigDoc(i) {
  return {
    _id: `u${i}`,
    orgPath: [ORG_ROOT, `d${i % 5}`, `t${i % 50}`, `v${i % 1000}`],
    parentId: `p${i % 10000}`,
    unitId: `unit${i % 2000}`,
    status: i % 3 === 0 ? 'CLOSED' : 'OPEN',
    code: `code${i}`,
    n: 5,
    seq: i,
  };
}

/** DOCS generated documents, inserted 5,000 per insertMany. */
async function insertBigDocs(coll) {
  const batch = 5000;
  for (let i = 0; i < DOCS; i += batch) {
    const docs = [];
    for (let j = i; j < Math.min(DOCS, i + batch); j++) docs.push(bigDoc(j));
    await coll.insertMany(docs, { ordered: false });
  }
}

async function load(side) {
  const coll = side.db.collection('big');
  const started = Date.now();
  await insertBigDocs(coll);
  await coll.createIndexes([{ key: { orgPath: 1 } }, { key: { unitId: 1, status: 1 } }, { key: { code: 1 } }]);
  return Date.now() - started;
}

// insertMany into a collection whose indexes exist already (side-table triggers run on every write)
async function insertBench(side) {
  const coll = side.db.collection('ins');
  await coll.createIndexes([{ key: { orgPath: 1 } }, { key: { unitId: 1, status: 1 } }, { key: { code: 1 } }]);
  const started = Date.now();
  await insertBigDocs(coll);
  const ms = Date.now() - started;
  await coll.drop();
  return ms;
}

// a dispatcher's scoped read (org units of township t7): its own and ancestor ids, or below it
const scopedFilter = { $and: [{ orgPath: 't7' }, { $or: [{ _id: { $in: ['t7', 'd2', ORG_ROOT] } }, { orgPath: { $in: ['t7'] } }] }] };

const shapes = [
  { name: "find({orgPath: 't7'})  [2% hit, indexed array]", run: (c) => c.find({ orgPath: 't7' }).toArray() },
  { name: "find({orgPath: 'v7'})  [0.1% hit]", run: (c) => c.find({ orgPath: 'v7' }).toArray() },
  { name: "find({orgPath: {$in: ['v7', 'v8', 't9']}})  [2.2% hit]", run: (c) => c.find({ orgPath: { $in: ['v7', 'v8', 't9'] } }).toArray() },
  { name: "find({orgPath: {$in: ['t7'...'t9']}, status: 'OPEN'})", run: (c) => c.find({ orgPath: { $in: ['t7', 't8', 't9'] }, status: 'OPEN' }).toArray() },
  { name: "find({parentId: 'p7'})  [no index]", run: (c) => c.find({ parentId: 'p7' }).toArray() },
  { name: "find({code: 'code12345'})", run: (c) => c.find({ code: 'code12345' }).toArray() },
  { name: "find({unitId: 'unit7', status: 'OPEN'})", run: (c) => c.find({ unitId: 'unit7', status: 'OPEN' }).toArray() },
  { name: "find({_id: 'u12345'})", run: (c) => c.find({ _id: 'u12345' }).toArray() },
  { name: "find({unitId: {$in: [3 ids]}}).sort({seq:-1}).skip(5).limit(10)", run: (c) => c.find({ unitId: { $in: ['unit1', 'unit2', 'unit3'] } }).sort({ seq: -1 }).skip(5).limit(10).toArray() },
  { name: "find({$and: [{orgPath: 'v7'}, {orgPath: {$in: ['t7']}}]})", run: (c) => c.find({ $and: [{ orgPath: 'v7' }, { orgPath: { $in: ['t7'] } }] }).toArray() },
  { name: "countDocuments({$and: [{orgPath: 'v7'}, {orgPath: {$in: ['t7']}}]})", run: (c) => c.countDocuments({ $and: [{ orgPath: 'v7' }, { orgPath: { $in: ['t7'] } }] }) },
  { name: "find({$and: [{orgPath: 't7'}, {$or: [{_id: {$in}}, {orgPath: {$in}}]}]}).sort({_id: 1}).limit(51)", run: (c) => c.find(scopedFilter).sort({ _id: 1 }).limit(51).toArray() },
  { name: "  same + _id: {$gt: 'u5'}  [next page]", run: (c) => c.find({ ...scopedFilter, _id: { $gt: 'u5' } }).sort({ _id: 1 }).limit(51).toArray() },
  { name: "find({orgPath: 't7', status: {$ne: 'CLOSED'}}).sort({_id: -1}).skip(2).limit(5)", run: (c) => c.find({ orgPath: 't7', status: { $ne: 'CLOSED' } }).sort({ _id: -1 }).skip(2).limit(5).toArray() },
  { name: "find({status: 'CLOSED', seq: {$gt: 40}}).sort({_id: 1}).limit(20)  [superset >> matches]", run: (c) => c.find({ status: 'CLOSED', seq: { $gt: 40 } }).sort({ _id: 1 }).limit(20).toArray() },
  { name: "find({_id: {$lt: 'u5'}}).sort({_id: -1}).limit(3)", run: (c) => c.find({ _id: { $lt: 'u5' } }).sort({ _id: -1 }).limit(3).toArray() },
  { name: "countDocuments({$or: [{orgPath: 'v7'}, {code: 'code8'}, {unitId: 'unit9'}]})", run: (c) => c.countDocuments({ $or: [{ orgPath: 'v7' }, { code: 'code8' }, { unitId: 'unit9' }] }) },
  { name: "countDocuments({_id: {$gte: 'u99', $lt: 'u9a'}})", run: (c) => c.countDocuments({ _id: { $gte: 'u99', $lt: 'u9a' } }) },
  { name: "countDocuments({orgPath: 't7', status: {$ne: 'CLOSED'}})", run: (c) => c.countDocuments({ orgPath: 't7', status: { $ne: 'CLOSED' } }) },
  { name: "find({n: 5}).limit(1)  [all match]", run: (c) => c.find({ n: 5 }).limit(1).toArray() },
  { name: "updateOne({code: 'code777'}, $inc)", run: (c) => c.updateOne({ code: 'code777' }, { $inc: { n: 1 } }) },
  { name: "updateMany({parentId: 'p8'}, $set)", run: (c) => c.updateMany({ parentId: 'p8' }, { $set: { touched: true } }) },
  { name: "deleteMany({code: {$in: ['code1','code2']}})", run: (c) => c.deleteMany({ code: { $in: ['code1', 'code2'] } }) },
];

async function timeShape(coll, shape) {
  const times = [];
  let result;
  const budgetStart = Date.now();
  // mutations run once so that both servers end in the same state
  const runs = shape.name.startsWith('find') || shape.name.startsWith('count') ? 3 : 1;
  for (let i = 0; i < runs && (i === 0 || Date.now() - budgetStart < 20_000); i++) {
    const t = process.hrtime.bigint();
    result = await shape.run(coll);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

function summarize(result) {
  if (Array.isArray(result)) return key(result.map((d) => d._id).sort());
  if (typeof result === 'number') return String(result);
  return key({ matched: result.matchedCount, modified: result.modifiedCount, deleted: result.deletedCount });
}

async function main() {
  const pair = [
    { name: 'patched', client: new MongoClient(opts.patched) },
    { name: 'baseline', client: new MongoClient(opts.baseline) },
  ];
  for (const side of pair) {
    await side.client.connect();
    side.db = side.client.db(opts.db);
    if (!opts['skip-load']) await side.db.dropDatabase();
  }
  try {
    if (!opts['skip-load']) {
      const edge = await compareEdgeCases(pair);
      print(`edge cases: ${edge.checked} comparisons, ${edge.failures.length} differences`);
      for (const f of edge.failures.slice(0, 20)) print('  DIFF', key(f));
      if (edge.failures.length > 0) process.exitCode = 1;

      const ranges = await compareRanges(pair);
      print(`_id ranges over mixed _id types: ${ranges.checked} comparisons, ${ranges.failures.length} differences`);
      for (const f of ranges.failures.slice(0, 20)) print('  DIFF', key(f));
      if (ranges.failures.length > 0) process.exitCode = 1;

      const life = await compareLifecycle(pair);
      print(`writes after index creation, index/collection drops: ${life.checked} comparisons, ${life.failures.length} differences`);
      for (const f of life.failures.slice(0, 20)) print('  DIFF', key(f));
      if (life.failures.length > 0) process.exitCode = 1;

      const loadMs = await Promise.all(pair.map(load));
      print(`loaded ${DOCS} docs, then indexed: patched ${loadMs[0]} ms, baseline ${loadMs[1]} ms`);
      const insMs = [];
      for (const side of pair) insMs.push(await insertBench(side));
      print(`insertMany ${DOCS} docs into indexed collection: patched ${insMs[0]} ms, baseline ${insMs[1]} ms`);
    }

    let mismatches = 0;
    print(`${'query shape'.padEnd(72)} ${'patched'.padStart(10)} ${'baseline'.padStart(10)}  same`);
    for (const shape of shapes) {
      const rp = await timeShape(pair[0].db.collection('big'), shape);
      const rb = await timeShape(pair[1].db.collection('big'), shape);
      const same = summarize(rp.result) === summarize(rb.result);
      if (!same) mismatches++;
      print(`${shape.name.padEnd(72)} ${rp.ms.toFixed(1).padStart(8)}ms ${rb.ms.toFixed(1).padStart(8)}ms  ${same ? 'yes' : 'NO'}`);
    }
    const [fp, fb] = await Promise.all(pair.map((side) => side.db.collection('big').find({ $or: [{ touched: true }, { n: { $ne: 5 } }] }).toArray()));
    const finalSame = summarize(fp) === summarize(fb) && key(fp.map(key).sort()) === key(fb.map(key).sort());
    print(`state after mutations identical: ${finalSame ? 'yes' : 'NO'}`);

    for (const filter of [{ unitId: 'unit7', status: 'OPEN' }, { orgPath: { $in: ['v7', 't8'] } }, scopedFilter, { $and: [{ orgPath: 'v7' }, { orgPath: { $in: ['t7'] } }] }]) {
      const plan = await pair[0].db.command({ explain: { find: 'big', filter } });
      print(`patched plan for ${key(filter)}:`, key(plan.queryPlanner?.Plan ?? plan.queryPlanner));
    }
    if (mismatches > 0 || !finalSame) process.exitCode = 1;
  } finally {
    await Promise.all(pair.map((side) => side.client.close()));
  }
}

await main();
