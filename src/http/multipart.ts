import busboy from 'busboy';
import type { Request } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { validationError, type ErrorDetails } from '../errors/sim-error.js';
import { longStringProblems, scanJson, type JsonLimits } from './json-limits.js';
import type { SpecDocument } from './validation.js';

/** A multipart part's rules, as the spec's `multipart/form-data` schema of the operation says them. */
interface PartSchema {
  type?: string;
  contentMediaType?: string;
  /** The part's JSON name (`numberType` → `number_type`). */
  'x-sim-json-name'?: string;
  /** The part is a JSON object whose members are the body's (a sender profile's `profile` part). */
  'x-sim-merge'?: boolean;
}

export interface MultipartSchema {
  properties?: Record<string, PartSchema>;
  /** Where file parts go in the body, as `{key, file_name, size_bytes, content_type}` entries (`compliance.documents`). */
  'x-sim-files'?: string;
}

/** Parts a multipart body may have (fields and files together), and files among them. */
export const MAX_PARTS = 40;
export const MAX_FILES = 10;
const MAX_FILE_NAME = 255;

/**
 * Multipart bodies (docs/decisions/0073): for the operations whose spec declares a
 * `multipart/form-data` body (adding an SMS market, amending one, creating a sender profile), the
 * `/v3` pipeline (api.ts), once it knows the operation (`multipartSchemaOf`), has busboy read the
 * parts into the JSON body the operation validates, by rules the spec states on the schema itself
 * — a part's JSON name, JSON-text parts, the part merged into the body, and where files go. Files
 * are counted and dropped (name, size and type are kept; the bytes never). Bounded like JSON
 * bodies: the body limit (413), the number of parts and files, string lengths, and the JSON limits
 * on every JSON-text part. Any other multipart request goes to the JSON body stage, which refuses
 * its content type.
 */
export async function readMultipart(req: Request, schema: MultipartSchema, bodyLimit: number, limits: JsonLimits): Promise<Record<string, unknown>> {
  const { fields, files } = await readParts(req, bodyLimit, limits);
  return toBody(schema, fields, files, limits);
}

/** Whether a request's content type is `multipart/form-data`. */
export function isMultipart(type: string | undefined): boolean {
  return type !== undefined && type.split(';')[0]!.trim().toLowerCase() === 'multipart/form-data';
}

/** The `multipart/form-data` schema the spec declares for an operation (`post`, `/v3/channels/sms`), if any. */
export function multipartSchemaOf(spec: SpecDocument, method: string, path: string): MultipartSchema | undefined {
  const op = spec.paths[path]?.[method.toLowerCase()];
  const content = (op?.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content;
  const ref = content?.['multipart/form-data']?.schema?.$ref;
  return ref ? (spec.components.schemas as Record<string, MultipartSchema>)[ref.split('/').pop()!] : undefined;
}

interface FilePart {
  field: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
}

function readParts(req: Request, bodyLimit: number, limits: JsonLimits): Promise<{ fields: Map<string, string>; files: FilePart[] }> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    const files: FilePart[] = [];
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe();
      req.resume();
      reject(err);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fieldNameSize: 255, fieldSize: limits.maxString * 4, fields: MAX_PARTS, files: MAX_FILES, parts: MAX_PARTS, fileSize: bodyLimit },
      });
    } catch {
      reject(validationError({ body: [MESSAGES.multipartMalformed] }));
      return;
    }
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > bodyLimit) fail(validationError({ body: [MESSAGES.bodyTooLarge] }, 413));
    });
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated || value.length > limits.maxString) return fail(validationError({ [name]: [MESSAGES.stringTooLong(limits.maxString)] }));
      fields.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      if ((info.filename ?? '').length > MAX_FILE_NAME) fail(validationError({ [name]: [MESSAGES.multipartFileName(MAX_FILE_NAME)] }));
      let size = 0;
      stream.on('data', (chunk: Buffer) => void (size += chunk.length));
      stream.on('limit', () => fail(validationError({ body: [MESSAGES.bodyTooLarge] }, 413)));
      stream.on('end', () => files.push({ field: name, file_name: info.filename || name, content_type: info.mimeType, size_bytes: size }));
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(limit, () => fail(validationError({ body: [MESSAGES.multipartTooManyParts(MAX_PARTS, MAX_FILES)] })));
    parser.on('error', () => fail(validationError({ body: [MESSAGES.multipartMalformed] })));
    parser.on('close', () => {
      if (!failed) resolve({ fields, files });
    });
    req.pipe(parser);
  });
}

/** The parts → the JSON body, by the schema's rules; a JSON-text part is scanned like a JSON body before it is parsed. */
function toBody(schema: MultipartSchema, fields: Map<string, string>, files: FilePart[], limits: JsonLimits): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const problems: ErrorDetails = {};
  for (const [name, value] of fields) {
    const part = schema.properties?.[name] ?? {};
    if (part['x-sim-merge'] || part.contentMediaType === 'application/json') {
      const parsed = jsonPart(name, value, limits, problems);
      if (parsed === undefined) continue;
      if (part['x-sim-merge']) {
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems[name] = [MESSAGES.multipartObjectPart(name)];
        else Object.assign(body, parsed);
        continue;
      }
      body[part['x-sim-json-name'] ?? name] = parsed;
      continue;
    }
    // OpenAPI sends a multipart boolean as the text `true` / `false`.
    const text = part.type === 'boolean' && (value === 'true' || value === 'false') ? value === 'true' : value;
    body[part['x-sim-json-name'] ?? name] = text;
  }
  if (Object.keys(problems).length > 0) throw validationError(problems);
  const where = schema['x-sim-files'];
  if (where && files.length > 0) {
    const list = listAt(body, where.split('.'));
    for (const f of files) list.push({ key: f.field, file_name: f.file_name, size_bytes: f.size_bytes, content_type: f.content_type });
  }
  return body;
}

function jsonPart(name: string, text: string, limits: JsonLimits, problems: ErrorDetails): unknown {
  const scan = scanJson(Buffer.from(text), limits);
  if (!scan.ok) {
    for (const [path, messages] of Object.entries(scan.details)) problems[path === 'body' ? name : `${name}.${path}`] = messages;
    return undefined;
  }
  try {
    const value = JSON.parse(text) as unknown;
    const long = scan.longStrings ? longStringProblems(value, limits) : null;
    if (long) Object.assign(problems, long);
    return long ? undefined : value;
  } catch {
    problems[name] = [MESSAGES.multipartJsonPart(name)];
    return undefined;
  }
}

/** The array at `path` in `body`, made (with the objects on the way) when missing. */
function listAt(body: Record<string, unknown>, path: string[]): unknown[] {
  let node = body;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (!Array.isArray(node[last])) node[last] = [];
  return node[last] as unknown[];
}
