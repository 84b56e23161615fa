import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { MESSAGES } from '../errors/catalog.js';
import { validationError, type SimError } from '../errors/sim-error.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MiB (decisions §1)

const DECODERS: Record<string, (() => Readable & NodeJS.WritableStream) | null> = {
  identity: null,
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

const malformed = (): SimError => validationError({ body: [MESSAGES.malformedJson] });
const tooLarge = (): SimError => validationError({ body: [MESSAGES.bodyTooLarge] }, 413);

/**
 * Stage 2: the JSON request body, read straight from the socket (no body-parser on the hot path).
 * - no body at all → `undefined`, synchronously (GETs never wait for a promise);
 * - a body that is not declared as JSON (`application/json` or `application/*+json`) → 400;
 * - a charset other than UTF-8, an unknown `Content-Encoding`, bytes that are not UTF-8,
 *   text that is not a JSON object or array → 400 VALIDATION_001 "not valid JSON";
 * - gzip, deflate and br bodies are inflated; one that does not inflate → 400;
 * - more than `limit` bytes (declared, received or inflated) → 413.
 * An empty JSON body reads as `{}`; a leading byte-order mark is ignored.
 * Errors are thrown (synchronously) or rejected as `SimError`s for the one error handler.
 */
export function readJsonBody(req: IncomingMessage, limit: number): undefined | Promise<unknown> {
  const already = (req as { body?: unknown }).body;
  // Mounted behind another app's body parser (a test harness, say): take what it parsed.
  if (already !== undefined) return Promise.resolve(already);
  if (!hasBody(req)) return undefined;
  const type = req.headers['content-type'];
  if (!isJsonType(type)) throw validationError({ body: [MESSAGES.unsupportedContentType] });
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type!)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return refuse(req, malformed());
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!Object.hasOwn(DECODERS, encoding)) return refuse(req, malformed());
  const decoder = DECODERS[encoding]!;
  if (decoder === null && Number(req.headers['content-length'] ?? 0) > limit) return refuse(req, tooLarge());
  return collect(req, decoder?.(), limit).then(parseJson);
}

/**
 * Reads off the rest of a refused body before answering, as body-parser does: a client still
 * uploading gets the answer instead of a reset connection.
 */
function refuse(req: IncomingMessage, error: SimError): Promise<never> {
  return new Promise((_resolve, reject) => {
    const done = () => reject(error);
    if (req.complete || req.readableEnded || req.destroyed) return done();
    req.once('end', done);
    req.once('close', done);
    req.resume();
  });
}

function parseJson(buf: Buffer): unknown {
  if (!isUtf8(buf)) throw malformed();
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = /^[ \t\n\r]*(.)/s.exec(text)?.[1];
  if (first === undefined) return {};
  // Strict, as Sent: the body is an object or an array, never a bare string or number.
  if (first !== '{' && first !== '[') throw malformed();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed();
  }
}

/** Reads the whole body (through the decoder, if any), refusing it as soon as it passes `limit`. */
function collect(req: IncomingMessage, decoder: (Readable & NodeJS.WritableStream) | undefined, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const source: Readable = decoder ?? req;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: SimError | null) => {
      if (done) return;
      done = true;
      source.off('data', onData);
      source.off('end', onEnd);
      if (error) {
        if (decoder) {
          req.unpipe(decoder);
          decoder.on('error', () => {});
          decoder.destroy();
        }
        refuse(req, error).catch(reject);
        return;
      }
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    source.on('data', onData);
    source.once('end', onEnd);
    req.once('aborted', () => finish(malformed()));
    req.once('error', () => finish(malformed()));
    if (decoder) {
      decoder.once('error', () => finish(validationError({ body: [MESSAGES.undecodableBody] })));
      req.pipe(decoder);
    }
  });
}

function isJsonType(type: string | undefined): boolean {
  if (!type) return false;
  const mime = type.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}
