/**
 * Deterministic UUIDv7-shaped ids: the leading 48 bits are a millisecond "timestamp" that is a base
 * plus a counter (so ids generated in order sort in that order, as a real import's v7 ids would),
 * version nibble 7, RFC 4122 variant bits, and the remaining 74 bits a hash of (seed, table, counter).
 * No clock and no global randomness: the same seed gives the same ids on every machine.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed derived from a base seed and a few integers (table salt, committee index...). */
export function subSeed(seed: number, ...parts: number[]): number {
  let h = fmix32(seed ^ 0x5bd1e995);
  for (const p of parts) h = fmix32((h ^ Math.imul(p + 1, 0x9e3779b1)) >>> 0);
  return h;
}

const hex8 = (x: number) => HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
const hex4 = (x: number) => HEX[(x >>> 8) & 255] + HEX[x & 255];

export class IdSequence {
  private readonly key: number;

  /** `baseMs`: the timestamp of counter 0; `salt` tells tables apart. */
  constructor(
    private readonly baseMs: number,
    seed: number,
    salt: number,
  ) {
    this.key = subSeed(seed, salt);
  }

  /** The id for counter `n` (0-based): always the same string for the same (seed, salt, n). */
  id(n: number): string {
    const ms = this.baseMs + n;
    const hi = Math.floor(ms / 65536) >>> 0;
    const lo = ms % 65536;
    const r1 = fmix32((this.key ^ Math.imul(n, 0x9e3779b1)) >>> 0);
    const r2 = fmix32((r1 + 0x68e31da4) >>> 0);
    const r3 = fmix32((r2 ^ this.key) >>> 0);
    return `${hex8(hi)}-${hex4(lo)}-${hex4(0x7000 | (r1 & 0xfff))}-${hex4(0x8000 | ((r1 >>> 12) & 0x3fff))}-${hex8(r2)}${hex4(r3)}`;
  }
}
