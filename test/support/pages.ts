import type { client } from './app.js';

type Client = ReturnType<typeof client>;

/** One request of an iteration: its query, and what the list answered. */
export interface PageCall {
  query: Record<string, string>;
  status: number;
  items: Array<{ id: string }>;
  pagination: { page: number; page_size: number; total_count: number; total_pages: number; has_more: boolean; cursors: null } | undefined;
}

/**
 * Iterates a list the way `@sentdm/sentdm` ≥ 0.38 does (its `src/core/pagination.ts`): the first
 * call sends the caller's query as it is — no `page` unless the caller gave one — and each next
 * call the same query with `page` = the request's `page ?? 1` + 1, until the answer says
 * `has_more: false` or holds no items. `limit` stops a list that would never end, so a test
 * fails instead of hanging.
 */
export async function iterateLikeSdk040(c: Client, path: string, itemsKey: string, query: Record<string, string> = {}, limit = 50): Promise<PageCall[]> {
  const calls: PageCall[] = [];
  let current = { ...query };
  for (;;) {
    const qs = new URLSearchParams(current).toString();
    const res = await c.get(qs ? `${path}?${qs}` : path);
    const data = (res.body as { data?: Record<string, unknown> }).data ?? {};
    const items = (data[itemsKey] as Array<{ id: string }> | undefined) ?? [];
    calls.push({ query: current, status: res.status, items, pagination: data.pagination as PageCall['pagination'] });
    if (res.status !== 200 || data.pagination === undefined || (data.pagination as { has_more?: boolean }).has_more === false || items.length === 0) return calls;
    if (calls.length >= limit) throw new Error(`${path} did not end after ${limit} pages`);
    current = { ...current, page: String(Number(current.page ?? 1) + 1) };
  }
}
