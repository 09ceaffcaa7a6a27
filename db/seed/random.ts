import crypto from "node:crypto";

/**
 * A random sequence fixed by `key` (mulberry32 seeded from its SHA-256): the
 * demo history comes out the same on every start, so re-running a seed adds
 * nothing it already wrote.
 */
export function seededRandom(key: string): () => number {
  let seed = crypto.createHash("sha256").update(key).digest().readUInt32LE(0);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
