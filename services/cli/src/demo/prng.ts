import { createHash } from 'node:crypto';

/**
 * A seeded pseudo-random stream (sfc32 keyed by SHA-256 of its name): the same seed
 * and path always give the same numbers, on every machine and Node version. Streams
 * are derived per household, per person and per channel, so one person's data does
 * not change when the population grows or another channel's rules change.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An item chosen with the given weights (any positive numbers). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A normally distributed number (Box–Muller). */
  normal(mean: number, sd: number): number;
  /** A Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number;
  /** A child stream named by `parts`, independent of how much of this one was used. */
  derive(...parts: (string | number)[]): Random;
}

export function seededRandom(...path: (string | number)[]): Random {
  const digest = createHash('sha256').update(path.join('\u001f')).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i += 1) next();

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items.at(-1)![0];
    },
    sample: (items, count) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, count);
    },
    normal: (mean, sd) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    poisson: (mean) => {
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k += 1;
      return k;
    },
    derive: (...parts) => seededRandom(...path, ...parts),
  };
  return random;
}

/** A stable hex id (SHA-256 prefix) of `parts`: what makes a re-run send the same ids. */
export const stableHex = (length: number, ...parts: (string | number)[]): string =>
  createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, length);

/** A stable UUID-shaped id (version 4 layout) of `parts`, for ContactIds and anonymous ids. */
export function stableUuid(...parts: (string | number)[]): string {
  const h = stableHex(32, ...parts);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable tag of capital letters for `parts` (no digits, so it never lengthens a run of digits). */
export function stableLetters(length: number, ...parts: (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('\u001f')).digest();
  return Array.from(digest.subarray(0, length), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}
