import { ERROR_CATALOG, MESSAGES } from '../errors/catalog.js';
import type { ErrorDetails } from '../errors/sim-error.js';
import type { JournalEntry } from '../store/types.js';
import { parseSentTimestamp } from '../util/time.js';

/**
 * Request verification over a tenant's journal, as WireMock users expect it
 * (docs/decisions/0037): which requests match, and how many. Pure: no Express, no store; the
 * `/_sim/requests` routes and an in-process door share it. It reads only the entry fields that
 * every journal keeps: `method`, `path`, `status`, `at`, `request_id`, `operation`, `error_code`.
 */
export interface RequestFilter {
  /** An HTTP method, any case. */
  method?: string;
  /** A path: exact, or a glob (`*` within one segment, `**` across segments). */
  path?: string;
  /** A status (`201`) or a class (`4xx`). */
  status?: string | number;
  /** An ISO date-time with a zone (requests at or after it, tenant clock) or a request id (requests after it). */
  since?: string;
  /** The newest this many matches (they stay oldest first, like `tail`). */
  limit?: string | number;
  /** An operationId (`sendMessage`). */
  operation?: string;
  /** A Sent error code (`VALIDATION_001`). */
  error_code?: string;
}

export const REQUEST_FILTERS = ['method', 'path', 'status', 'since', 'limit', 'operation', 'error_code'] as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const MAX_LIMIT = 1_000_000;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const REQUEST_ID = /^req_[A-Za-z0-9]{10}$/;

/** A filter checked once, ready to match entries. */
export interface CompiledFilter {
  matches(entry: JournalEntry): boolean;
  since: { at: number } | { requestId: string } | null;
  limit: number | null;
}

/**
 * Checks a filter (query strings or typed values) and compiles it; every bad filter is named at
 * once, as the API's validation does. `operations` are the operationIds `operation` may name.
 */
export function compileRequestFilter(input: Record<string, unknown>, operations: ReadonlySet<string>): CompiledFilter | { errors: ErrorDetails } {
  const errors: ErrorDetails = {};
  const fail = (name: string, message: string) => (errors[name] = [message]);
  const tests: Array<(e: JournalEntry) => boolean> = [];
  let since: CompiledFilter['since'] = null;
  let limit: number | null = null;
  for (const [name, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    if (!(REQUEST_FILTERS as readonly string[]).includes(name)) {
      fail(name, MESSAGES.requestFilterUnknown(REQUEST_FILTERS));
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      fail(name, MESSAGES.requestFilterOnce);
      continue;
    }
    const value = String(raw).trim();
    switch (name) {
      case 'method': {
        const method = value.toUpperCase();
        if (METHODS.includes(method)) tests.push((e) => e.method === method);
        else fail(name, MESSAGES.requestFilterMethod(METHODS));
        break;
      }
      case 'path': {
        if (value.startsWith('/')) {
          const pattern = pathPattern(value);
          tests.push((e) => pattern.test(e.path));
        } else fail(name, MESSAGES.requestFilterPath);
        break;
      }
      case 'status': {
        const test = statusTest(value);
        if (test) tests.push((e) => test(e.status));
        else fail(name, MESSAGES.requestFilterStatus);
        break;
      }
      case 'since': {
        const at = sinceTime(value);
        if (REQUEST_ID.test(value)) since = { requestId: value };
        else if (at !== null) since = { at };
        else fail(name, MESSAGES.requestFilterSince);
        break;
      }
      case 'limit': {
        limit = limitValue(value);
        if (limit === null) fail(name, MESSAGES.requestFilterLimit(MAX_LIMIT));
        break;
      }
      case 'operation': {
        if (operations.has(value)) tests.push((e) => e.operation === value);
        else fail(name, MESSAGES.requestFilterOperation);
        break;
      }
      case 'error_code': {
        const code = value.toUpperCase();
        if (Object.hasOwn(ERROR_CATALOG, code)) tests.push((e) => e.error_code === code);
        else fail(name, MESSAGES.requestFilterErrorCode);
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { matches: (e) => tests.every((t) => t(e)), since, limit };
}

/** `since` as a date-time with a zone, on the tenant's clock → its time; anything else → null (requests and deliveries). */
export function sinceTime(value: string): number | null {
  return DATE_TIME.test(value) && Number.isFinite(parseSentTimestamp(value)) ? parseSentTimestamp(value) : null;
}

/** `limit`: a whole number from 1 to 1,000,000 → it; anything else → null (requests and deliveries). */
export function limitValue(value: string): number | null {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= 1 && n <= MAX_LIMIT ? n : null;
}

/**
 * The matching entries of a journal (oldest first), the newest `limit` of them. `since` a
 * request id the journal no longer holds (or never held) is an error: "after it" cannot be told.
 */
export function selectRequests(journal: readonly JournalEntry[], filter: CompiledFilter, journalSize: number): { requests: JournalEntry[]; matched: number } | { errors: ErrorDetails } {
  let from = 0;
  const { since } = filter;
  if (since && 'requestId' in since) {
    const index = journal.findIndex((e) => e.request_id === since.requestId);
    if (index < 0) return { errors: { since: [MESSAGES.requestFilterSinceUnknown(journalSize)] } };
    from = index + 1;
  }
  const atLeast = since && 'at' in since ? since.at : null;
  const matched: JournalEntry[] = [];
  for (let i = from; i < journal.length; i++) {
    const entry = journal[i]!;
    if (atLeast !== null && parseSentTimestamp(entry.at) < atLeast) continue;
    if (filter.matches(entry)) matched.push(entry);
  }
  const requests = filter.limit !== null && matched.length > filter.limit ? matched.slice(-filter.limit) : matched;
  return { requests, matched: matched.length };
}

/** `/v3/messages/*` → one segment; `/v3/**` → anything below; everything else literal. */
function pathPattern(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** `201` → that status; `4xx` → its class; anything else → null. */
function statusTest(value: string): ((status: number) => boolean) | null {
  if (/^[1-5]\d\d$/.test(value)) {
    const status = Number(value);
    return (s) => s === status;
  }
  if (/^[1-5]xx$/i.test(value)) {
    const hundred = Number(value[0]);
    return (s) => Math.floor(s / 100) === hundred;
  }
  return null;
}
