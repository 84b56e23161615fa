import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { validationError } from '../errors/sim-error.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MiB (decisions §1)

/**
 * Stage 2: JSON bodies only. A body with another content type is refused before parsing;
 * parse and size failures surface as body-parser errors that the error handler renders
 * as `400`/`413 VALIDATION_001` envelopes (never body-parser's HTML page).
 */
export function jsonBody(limit: number) {
  // JSON is UTF-8 (RFC 8259 §8.1): invalid bytes are refused, not stored as U+FFFD (a body-parser
  // verify failure, which bodyParserError renders as 400 VALIDATION_001).
  const parse = express.json({ limit, strict: true, type: isJsonType, verify: rejectInvalidUtf8 });
  return [
    (req: Request, _res: Response, next: NextFunction): void => {
      if (hasBody(req) && !isJsonType(req)) {
        next(validationError({ body: [MESSAGES.unsupportedContentType] }));
        return;
      }
      next();
    },
    parse,
  ];
}

function rejectInvalidUtf8(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw new Error('The request body is not valid UTF-8');
}

function isJsonType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (!type) return false;
  const mime = type.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** Maps body-parser's error types onto Sent errors. */
export function bodyParserError(err: unknown): ReturnType<typeof validationError> | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return validationError({ body: [MESSAGES.malformedJson] });
    case 'entity.too.large':
      return validationError({ body: [MESSAGES.bodyTooLarge] }, 413);
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'entity.verify.failed':
    case 'request.size.invalid':
    case 'request.aborted':
    case 'stream.encoding.set':
      return validationError({ body: [MESSAGES.malformedJson] });
    default:
      return undefined;
  }
}
