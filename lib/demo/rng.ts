/**
 * Seeded randomness for the demo generator (pure-rand xoroshiro128+). Every part of the demo draws
 * from its own stream, derived from (seed, label), so adding or reordering one part never shifts the
 * numbers of another, and the same seed always yields byte-identical files.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** 32-bit avalanche (murmur3 finaliser). */
function mix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/** FNV-1a over a string, then mixed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

export class Rng {
  private readonly g: RandomGenerator;
  private spare: number | null = null;

  private constructor(g: RandomGenerator) {
    this.g = g;
  }

  /** A stream for one part of the demo. Any finite number is a valid seed (it is truncated to an integer). */
  static stream(seed: number, label: string): Rng {
    const s = Math.trunc(seed);
    const lo = s | 0;
    const hi = Math.floor(s / 2 ** 32) | 0;
    const l = hash32(label);
    const st = [mix32(lo ^ l), mix32(hi + 0x9e3779b9 + l), mix32(lo + hash32(`${label}#b`)), mix32(hi ^ 0x7f4a7c15 ^ l)];
    if (!st.some((v) => v !== 0)) st[0] = 1;
    return new Rng(xoroshiro128plusFromState(st));
  }

  /** A child stream keyed by a number (e.g. one event's own seed). */
  static fromInt(n: number): Rng {
    return Rng.stream(n, 'event');
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.g);
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** A 31-bit seed for a child stream. */
  seed(): number {
    return this.g.next() & 0x7fffffff;
  }

  bool(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box-Muller, caching the second value). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u <= Number.EPSILON) u = this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson count (exact below 30, normal approximation above). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const l = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      for (;;) {
        p *= this.float();
        if (p <= l) return k;
        k++;
      }
    }
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
  }

  private chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.float() * alphabet.length)];
    return out;
  }

  base62(n: number): string {
    return this.chars(BASE62, n);
  }

  base58(n: number): string {
    return this.chars(BASE58, n);
  }

  hex(n: number): string {
    return this.chars(HEX, n);
  }

  /** RFC 4122 version 4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + this.int(0, 3)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** RFC 9562 version 7 UUID (time-ordered, as Codex CLI uses for session ids). */
  uuid7(ms: number): string {
    const t = Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
    const r = this.hex(20);
    const variant = HEX[8 + this.int(0, 3)];
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(8, 20)}`;
  }
}
