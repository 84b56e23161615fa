/**
 * Finding card data where it must never be (docs/decisions/0003: the card is never stored, returned,
 * logged, journalled or written to any snapshot). Card numbers are 13–19 digits, so a substring
 * search is safe; a CVC is 3–4 digits, so it only counts as a leak where a whole string equals it
 * and that string was not also sent as some other field (or is a card's last4, which is kept).
 */
import type { Tenant } from '../../src/store/types.js';

const CARD_KEYS = new Set(['card_number', 'cvc', 'expiry']);

export class SentCardData {
  readonly cards = new Set<string>();
  readonly cvcs = new Set<string>();
  /** Every other string sent, in bodies and headers: equal to a CVC by chance is not a leak. */
  private readonly innocent = new Set<string>();

  record(body: unknown, headerValues: string[] = []): void {
    for (const h of headerValues) this.innocent.add(h);
    walk(body, (key, value) => {
      if (typeof value !== 'string') return;
      if (key === 'card_number') {
        this.cards.add(value);
        this.innocent.add(value.slice(-4));
      } else if (key === 'cvc') this.cvcs.add(value);
      else this.innocent.add(value);
    });
  }

  /** Readable descriptions of every leak found in `value` (empty when there is none). */
  leaksIn(value: unknown, where: string): string[] {
    const leaks: string[] = [];
    walk(value, (key, v, path) => {
      if (key !== null && CARD_KEYS.has(key) && v !== '[redacted]' && v !== null && v !== undefined) {
        leaks.push(`${where}: key ${path} holds ${JSON.stringify(v)}`);
      }
      if (typeof v !== 'string') return;
      for (const card of this.cards) if (card.length >= 13 && v.includes(card)) leaks.push(`${where}: card number at ${path}`);
      if (this.cvcs.has(v) && !this.innocent.has(v)) leaks.push(`${where}: CVC ${v} at ${path}`);
    });
    return leaks;
  }
}

/** Visits every value (iteratively, so deep values cannot overflow the stack). */
export function walk(root: unknown, visit: (key: string | null, value: unknown, path: string) => void): void {
  const stack: Array<[string | null, unknown, string]> = [[null, root, '$']];
  while (stack.length > 0) {
    const [key, value, path] = stack.pop()!;
    visit(key, value, path);
    if (value instanceof Map) {
      for (const [k, v] of value) stack.push([String(k), v, `${path}.${String(k)}`]);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([key, v, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([k, v, `${path}.${k}`]);
    }
  }
}

/**
 * Everything the simulator holds for a tenant that could keep a request's data: profiles,
 * campaigns, the journal, the delivery log, and the idempotency store (its in-memory records).
 */
export function tenantState(tenant: Tenant): Record<string, unknown> {
  return {
    organization: tenant.organization,
    collections: Object.fromEntries([...tenant.store].map(([name, records]) => [name, [...records.values()]])),
    jobs: tenant.jobs.list(),
    journal: tenant.journal.toArray(),
    deliveries: tenant.deliveries.toArray(),
    idempotency: (tenant.idempotency as unknown as { map?: Map<string, unknown> }).map,
  };
}
