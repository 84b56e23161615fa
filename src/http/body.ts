import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError, type SimError } from '../errors/sim-error.js';
import { ctx } from './context.js';
import { longStringProblems, scanJson, type JsonLimits } from './json-limits.js';

export { DEFAULT_BODY_LIMIT } from '../limits.js';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Stage 2, the JSON body: body-parser's `json()` (through Express) with a size limit, gzip /
 * deflate / br inflated, strict (an object or an array, never a bare string), plus what Sent's
 * envelope needs around it:
 * - a body that is not declared as JSON → 400 (body-parser would leave it unread);
 * - bytes that are not UTF-8 → 400 (they would otherwise be stored as U+FFFD);
 * - structural limits (depth, members and items, string and key lengths: json-limits.ts),
 *   checked on the raw bytes before `JSON.parse`, so a body built to cost CPU is refused for
 *   the price of one scan → 400 naming the limit (and the field, for a string).
 * body-parser's own failures are turned into Sent errors by `bodyError` (error-handler.ts).
 * An empty JSON body reads as `{}`; no body at all leaves `req.body` undefined.
 */
export function jsonBody(limit: number, limits: (req: Request) => JsonLimits): RequestHandler[] {
  const parse = express.json({
    limit,
    inflate: true,
    strict: true,
    type: JSON_TYPES,
    verify: (req, res, buf) => {
      if (!isUtf8(buf)) throw validationError({ body: [MESSAGES.malformedJson] });
      const scan = scanJson(buf, limits(req as Request));
      if (!scan.ok) throw validationError(scan.details);
      if (scan.longStrings) ctx(res as Response).longStrings = true;
    },
  });
  const declaredJson = (req: Request, _res: Response, next: NextFunction): void => {
    // Already read by the multipart stage (multipart.ts), for the operations whose spec takes one.
    if (req.body !== undefined) return next();
    if (hasBody(req) && !isJsonType(req.headers['content-type'])) {
      next(validationError({ body: [MESSAGES.unsupportedContentType] }));
      return;
    }
    next();
  };
  // Only when the scan saw a string or key longer in bytes than allowed in characters: confirm on the parsed value, by field.
  const stringLengths = (req: Request, res: Response, next: NextFunction): void => {
    const details = ctx(res).longStrings ? longStringProblems(req.body, limits(req)) : null;
    next(details ? validationError(details) : undefined);
  };
  return [declaredJson, parse, stringLengths];
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

function isJsonType(type: string | undefined): boolean {
  if (!type) return false;
  const mime = type.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
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
