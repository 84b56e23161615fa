import type { ErrorDetails } from '../errors/sim-error.js';
import { MESSAGES } from '../errors/catalog.js';

/** Structural limits of a request body (docs/decisions/0022, issue 15 row 6). */
export interface JsonLimits {
  /** Nesting of arrays and objects. */
  maxDepth: number;
  /** Object members plus array items, the whole body together. */
  maxNodes: number;
  /** Characters of any string value. */
  maxString: number;
  /** Characters of any object key. */
  maxKey: number;
}

/** Longest object key in a request body (docs/decisions/0022: keys are capped at 255). */
export const MAX_OBJECT_KEY_LENGTH = 255;

export type ScanResult =
  | { ok: true; longStrings: boolean }
  | { ok: false; details: ErrorDetails };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * One pass over the raw bytes, before `JSON.parse`: what makes a body expensive (500,000 levels of
 * nesting, 80,000 keys in a field no schema reads) is refused here for about a millisecond per
 * MiB, before parsing, validation, the journal and the idempotency fingerprint each walk it.
 * Strings are skipped with `indexOf`, so text costs next to nothing.
 *
 * Depth and node count are exact for valid JSON (and harmless guesses for broken JSON, which the
 * parser refuses next). String and key lengths are counted in bytes, which is never less than
 * their length in characters: a string over the limit in bytes is only a candidate
 * (`longStrings`), confirmed on the parsed value by `longStringProblems`, which also names its field.
 */
export function scanJson(buf: Buffer, limits: JsonLimits): ScanResult {
  let depth = 0;
  let nodes = 0;
  let longStrings = false;
  // Per open container: is it an array, and has it had an item yet.
  const isArray: boolean[] = [];
  const hasItem: boolean[] = [];
  let lastStringBytes = 0;
  const length = buf.length;
  for (let i = 0; i < length; i++) {
    const c = buf[i]!;
    if (c === QUOTE) {
      const start = i + 1;
      let end = buf.indexOf(QUOTE, start);
      // An escaped quote does not end the string: an odd run of backslashes before it escapes it.
      while (end !== -1 && escaped(buf, end)) end = buf.indexOf(QUOTE, end + 1);
      if (end === -1) return { ok: true, longStrings };
      lastStringBytes = end - start;
      if (lastStringBytes > limits.maxString) longStrings = true;
      if (depth > 0 && isArray[depth - 1] && !hasItem[depth - 1]) {
        hasItem[depth - 1] = true;
        nodes++;
      }
      i = end;
      continue;
    }
    switch (c) {
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (depth > 0 && isArray[depth - 1] && !hasItem[depth - 1]) {
          hasItem[depth - 1] = true;
          nodes++;
        }
        depth++;
        if (depth > limits.maxDepth) return { ok: false, details: { body: [MESSAGES.jsonTooDeep(limits.maxDepth)] } };
        isArray[depth - 1] = c === OPEN_ARRAY;
        hasItem[depth - 1] = false;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth > 0) depth--;
        break;
      case COLON:
        // A member of an object: its key was the last string.
        nodes++;
        if (lastStringBytes > limits.maxKey) longStrings = true;
        break;
      case COMMA:
        if (depth > 0 && isArray[depth - 1]) nodes++;
        break;
      default:
        // The first item of an array that is a number, true, false or null.
        if (depth > 0 && isArray[depth - 1] && !hasItem[depth - 1] && c > 0x20) {
          hasItem[depth - 1] = true;
          nodes++;
        }
    }
    if (nodes > limits.maxNodes) return { ok: false, details: { body: [MESSAGES.jsonTooManyNodes(limits.maxNodes)] } };
  }
  return { ok: true, longStrings };
}

function escaped(buf: Buffer, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; j >= 0 && buf[j] === BACKSLASH; j--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * The strings and keys of a parsed body that are over the limits, by field path (the first 20).
 * Only called when the scan found a candidate, on a body whose depth the scan already bounded.
 */
export function longStringProblems(value: unknown, limits: JsonLimits): ErrorDetails | null {
  const details: ErrorDetails = {};
  let found = 0;
  const visit = (v: unknown, path: string): void => {
    if (found >= 20) return;
    if (typeof v === 'string') {
      if (v.length > limits.maxString) {
        (details[path || 'body'] ??= []).push(MESSAGES.stringTooLong(limits.maxString));
        found++;
      }
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    for (const [key, item] of Object.entries(v)) {
      if (key.length > limits.maxKey) {
        (details[path || 'body'] ??= []).push(MESSAGES.keyTooLong(limits.maxKey));
        found++;
        continue;
      }
      visit(item, path ? `${path}.${key}` : key);
    }
  };
  visit(value, '');
  return found > 0 ? details : null;
}

/** The limits of `/v3` and `/_sim` bodies, from the configuration. */
export function jsonLimits(config: { maxJsonDepth: number; maxJsonNodes: number; maxStringLength: number }): JsonLimits {
  return { maxDepth: config.maxJsonDepth, maxNodes: config.maxJsonNodes, maxString: config.maxStringLength, maxKey: MAX_OBJECT_KEY_LENGTH };
}

/**
 * A snapshot (`POST /_sim/import`) is many records in one body: its member count scales with the
 * body limit instead (a real export holds about 40 members per KiB), the other limits stay.
 */
export function snapshotLimits(config: { maxJsonDepth: number; maxJsonNodes: number; maxStringLength: number; bodyLimit: number }): JsonLimits {
  return { ...jsonLimits(config), maxNodes: Math.max(config.maxJsonNodes, Math.floor(config.bodyLimit / 16)) };
}
