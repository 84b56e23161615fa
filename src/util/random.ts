import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The simulator's source of randomness for ids and sample data. Unseeded it uses node:crypto; with
 * `--seed N` it is a deterministic PRNG (mulberry32), so generated ids and demo data repeat across
 * runs — and anyone who sees an id can recover its 32-bit state. So it never makes a secret: API
 * keys and signing secrets come from util/secrets.ts (docs/decisions/0042).
 */
export interface Random {
  readonly seeded: boolean;
  /** A float in [0, 1). */
  next(): number;
  uuid(): string;
  string(length: number, alphabet?: string): string;
  bytes(length: number): Buffer;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed?: number): Random {
  if (seed === undefined) {
    // Request ids need randomness on every request: draw it from a pooled buffer, refilled
    // 8 KiB at a time, instead of a randomBytes call each (measured ~30 µs per request).
    const pool = Buffer.alloc(8192);
    let offset = pool.length;
    const take = (length: number): Buffer => {
      if (length > pool.length) return randomBytes(length);
      if (offset + length > pool.length) {
        randomFillSync(pool);
        offset = 0;
      }
      offset += length;
      return pool.subarray(offset - length, offset);
    };
    return {
      seeded: false,
      next: () => take(4).readUInt32BE(0) / 4294967296,
      uuid: () => randomUUID(),
      string: (length, alphabet = ALNUM) => pick(take(length), alphabet),
      bytes: (length) => Buffer.from(take(length)),
    };
  }
  const next = mulberry32(seed);
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
  return {
    seeded: true,
    next,
    bytes,
    string: (length, alphabet = ALNUM) => pick(bytes(length), alphabet),
    uuid: () => {
      const b = bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40; // version 4
      b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

function pick(source: Buffer, alphabet: string): string {
  let out = '';
  for (const byte of source) out += alphabet[byte % alphabet.length];
  return out;
}

export const ALPHABETS = { ALNUM, UPPER_ALNUM } as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
