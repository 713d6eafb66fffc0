// Deterministic randomness and ids for the seed: everything derives from the
// seed number and a key, so the same seed always yields the same data.
const { createHash } = require('node:crypto');

/** mulberry32: a tiny 32-bit PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the joined parts: a 32-bit seed for a sub-stream. */
function hash32(...parts) {
  let h = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A random source with helpers, seeded from the seed number and a key. */
function rngFor(seed, ...key) {
  const next = mulberry32(hash32(String(seed), ...key));
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** picks from [[value, weight], …] */
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
  };
}

/** A UUIDv5-shaped id (SHA-1 of seed, kind and key), stable across runs. */
function stableId(seed, kind, key) {
  const bytes = createHash('sha1').update(`steward-seed/${seed}/${kind}/${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Splits `total` into `parts` positive integers around total/parts (±spread),
 * summing exactly to `total`.
 */
function partition(rng, total, parts, spread = 0.5) {
  if (parts <= 0) return [];
  const weights = Array.from({ length: parts }, () => 1 - spread + rng.next() * 2 * spread);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % parts) {
    if (rest > 0) {
      sizes[i] += 1;
      rest -= 1;
    } else if (sizes[i] > 1) {
      sizes[i] -= 1;
      rest += 1;
    }
  }
  return sizes;
}

module.exports = { mulberry32, hash32, rngFor, stableId, partition };
