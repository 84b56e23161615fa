import { randomBytes } from 'node:crypto';
import { ALPHABETS } from './random.js';

/**
 * Secrets — API keys, webhook signing secrets, the completion callback secret — always come from
 * the operating system's CSPRNG (`crypto.randomBytes`), never from `--seed` (issue 25 row 5,
 * docs/decisions/0042): the seeded generator is a 32-bit PRNG whose state any generated id
 * reveals, so it seeds faker and ids only.
 */
export function secretBytes(length: number): Buffer {
  return randomBytes(length);
}

/**
 * `length` characters of `alphabet`, each equally likely: bytes past the largest multiple of the
 * alphabet's size are drawn again (a plain `byte % size` favours the first characters).
 */
export function secretString(length: number, alphabet: string = ALPHABETS.ALNUM): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length - out.length + 8)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}
