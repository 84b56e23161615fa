import type { components } from '../generated/sent-v3.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError } from '../errors/sim-error.js';

type PaginationMeta = components['schemas']['PaginationMeta'];

export interface Page {
  page: number;
  page_size: number;
}

export const MAX_PAGE_SIZE = 100;
/** `page` when a list request names none (decisions §14). */
export const DEFAULT_PAGE = 1;
/** `page_size` when a list request names none (decisions §14; docs/decisions/0054). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * `page` and `page_size` of a paginated list (decisions §14, docs/decisions/0054): both optional,
 * as SDK ≥ 0.38 sends them — its first call names no page, the next ones `page=2, 3…` and no
 * `page_size` unless the caller gave one. Absent or empty (`page=`, how a client sends `null`)
 * means the default: page 1, 50 a page. A value that is given keeps the rules of
 * docs/decisions/0011: `page` 1-based (`< 1` or not a whole number → `400 VALIDATION_005` "Page
 * must be greater than 0"); `page_size` 1–100 (else `400 VALIDATION_001`, `details.page_size`).
 * Query values arrive as strings, as the SDK sends them.
 */
export function pageOf(query: Record<string, unknown>): Page {
  const page = absent(query.page) ? DEFAULT_PAGE : wholeNumber(query.page);
  const pageSize = absent(query.page_size) ? DEFAULT_PAGE_SIZE : wholeNumber(query.page_size);
  if (page === null || page < 1) throw simError('VALIDATION_005', { message: MESSAGES.pageTooSmall, details: { page: [MESSAGES.pageTooSmall] } });
  if (pageSize === null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw validationError({ page_size: [MESSAGES.pageSizeRange] });
  return { page, page_size: pageSize };
}

/**
 * One page of `items` (already filtered and in list order) with Sent's pagination meta. A page
 * past the end is an empty list with `has_more: false`, so a client that asks for `page+1` until
 * `has_more` is false (SDK ≥ 0.38) always stops; `cursors` is always null ("never populated").
 */
export function paginate<T>(items: readonly T[], page: Page): { items: T[]; pagination: PaginationMeta } {
  const from = (page.page - 1) * page.page_size;
  return { items: items.slice(from, from + page.page_size), pagination: pageMeta(items.length, page) };
}

/** Sent's pagination meta for `total` items (a list that pages without an array of them all). */
export function pageMeta(total: number, { page, page_size }: Page): PaginationMeta {
  const totalPages = Math.ceil(total / page_size);
  return { page, page_size, total_count: total, total_pages: totalPages, has_more: page < totalPages, cursors: null };
}

/**
 * The `pagination` of a list Sent returns whole (users, profiles, message activities, webhook
 * event-types; decisions §14): one page holding all `total` items, `has_more: false`. Its
 * `page_size` is the number of items (at least 1), so it may exceed the 100 a paginated list
 * allows (docs/decisions/0054).
 */
export function wholeList(total: number): components['schemas']['WholeListPagination'] {
  return { page: 1, page_size: Math.max(total, 1), total_count: total, total_pages: total === 0 ? 0 : 1, has_more: false, cursors: null };
}

/** List order of every paginated list (docs/decisions/0011): newest first, then by id. */
export function newestFirst(a: { created_at: string; id: string }, b: { created_at: string; id: string }): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function absent(value: unknown): boolean {
  return value === undefined || value === '';
}

function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value.trim())) return null;
  return Number(value);
}
