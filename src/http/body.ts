import { isUtf8 } from 'node:buffer';
import express, { type Request, type Response } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError, type SimError } from '../errors/sim-error.js';
import { longStringProblems, scanJson, type JsonLimits } from './json-limits.js';
import type { BodyRef } from './record.js';

export { DEFAULT_BODY_LIMIT } from '../limits.js';

/** Reads a request's JSON body: `undefined` when there is none. */
export type ReadBody = (req: Request, res: Response, limits: JsonLimits) => Promise<BodyRef | undefined>;

/**
 * The body stage, one function for `/v3` and `/_sim`. A request without a body (no
 * `Content-Length` above 0, no `Transfer-Encoding`) returns at once: a GET pays nothing here
 * (issue 21: three body middlewares ran on every GET; body-parser alone 5 µs of self time).
 * A body is read by body-parser's `raw()` (through Express) with a size limit, gzip / deflate /
 * br inflated; then, in order:
 * - not declared as JSON (or with a charset other than UTF-8) → 400, before it is read;
 * - bytes that are not UTF-8 → 400 (they would otherwise be stored as U+FFFD);
 * - structural limits (depth, members and items, string and key lengths: json-limits.ts),
 *   checked on the raw bytes before `JSON.parse`, so a body built to cost CPU is refused for
 *   the price of one scan → 400 naming the limit (and the field, for a string);
 * - strict JSON: an object or an array, never a bare string or number → 400.
 * body-parser's own failures are turned into Sent errors by `bodyError` (error-handler.ts).
 * Zero bytes read count as no body. The value is also set as `req.body` (Express's convention).
 * A body a host app's own parser already read (the stream is spent) is taken as that parser left it.
 */
export function bodyReader(limit: number): ReadBody {
  const raw = express.raw({ limit, inflate: true, type: () => true });
  const read = (req: Request, res: Response) =>
    new Promise<unknown>((resolve, reject) => raw(req, res, (err?: Error) => (err ? reject(err) : resolve(req.body))));
  return async (req, res, limits) => {
    if (!hasBody(req)) return undefined;
    if (!isJsonType(req.headers['content-type'])) throw validationError({ body: [MESSAGES.unsupportedContentType] });
    const buf = await read(req, res);
    // A host app that mounts the simulator may have parsed the body already: its value is used as it is.
    if (!Buffer.isBuffer(buf)) return buf === undefined ? undefined : { value: buf };
    if (buf.length === 0) {
      req.body = undefined;
      return undefined;
    }
    if (!isUtf8(buf)) throw validationError({ body: [MESSAGES.malformedJson] });
    const scan = scanJson(buf, limits);
    if (!scan.ok) throw validationError(scan.details);
    const text = buf.toString('utf8');
    const value = parseStrict(text);
    // Only when the scan saw a string or key longer in bytes than allowed in characters: confirm on the parsed value, by field.
    const long = scan.longStrings ? longStringProblems(value, limits) : null;
    if (long) throw validationError(long);
    req.body = value;
    return { value, text };
  };
}

/** body-parser's strict mode: an object or an array (after JSON's own whitespace), else 400. */
function parseStrict(text: string): unknown {
  const first = /^[ \t\n\r]*(.)/s.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw validationError({ body: [MESSAGES.malformedJson] });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationError({ body: [MESSAGES.malformedJson] });
  }
}

/** body-parser's errors (they carry a `type`) as Sent errors: 400, or 413 past the limit. */
export function bodyError(err: unknown): SimError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err) || typeof err.type !== 'string') return undefined;
  switch (err.type) {
    case 'entity.too.large':
      return validationError({ body: [MESSAGES.bodyTooLarge] }, 413);
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'entity.parse.failed':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return validationError({ body: [MESSAGES.malformedJson] });
    default:
      // A decompression failure (zlib's own error) reaches us with body-parser's 400 status.
      return 'status' in err && err.status === 400 ? validationError({ body: [MESSAGES.undecodableBody] }) : undefined;
  }
}

/** `application/json` or `application/*+json`, in UTF-8 (a charset parameter, if any, must say so). */
function isJsonType(type: string | undefined): boolean {
  if (!type) return false;
  const [first, ...params] = type.split(';');
  const mime = first!.trim().toLowerCase();
  if (mime !== 'application/json' && !(mime.startsWith('application/') && mime.endsWith('+json'))) return false;
  const charset = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-?8"?$/.test(charset);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** Used where a handler needs an object body and got something else (an array, say). */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  if (body === undefined) return {};
  throw simError('VALIDATION_001', { details: { body: ['The request body must be a JSON object'] } });
}
