/**
 * The fictional number inventory (docs/decisions/0077): a requested number takes the first free
 * number of its area code (or, asked for any area code, of the market's first area code with one
 * free); what the inventory cannot cover stays PROVISIONING. A number is handed out once per
 * tenant; an INACTIVE one (its market removed) is back in the inventory.
 */
import type { Tenant } from '../../store/types.js';
import type { MarketDecl } from '../compliance/markets.js';
import { MARKETS } from './collection.js';
import type { MarketRecord, NumberRecord } from './records.js';
import { MAX_NUMBERS } from './rules.js';

/** Every number an ACTIVE or PROVISIONING entry holds, all markets of the tenant together. */
export function numbersHeld(tenant: Tenant, extra: readonly NumberRecord[] = []): Set<string> {
  const held = new Set<string>();
  const note = (n: NumberRecord) => {
    if (n.sender_value && n.status !== 'INACTIVE') held.add(n.sender_value);
  };
  for (const m of MARKETS.in(tenant).values()) m.numbers.forEach(note);
  extra.forEach(note);
  return held;
}

/** The first free inventory number for an area code (null = any), or null when the inventory has none. */
export function freeNumber(decl: MarketDecl, areaCode: string | null, held: Set<string>): { number: string; areaCode: string } | null {
  const inventory = decl.inventory;
  if (!inventory) return null;
  const areas = areaCode === null ? inventory.areaCodes : inventory.areaCodes.filter((a) => a === areaCode);
  for (const area of areas) {
    for (let i = 0; i < MAX_NUMBERS; i++) {
      const number = inventory.number(area, i);
      if (!held.has(number)) return { number, areaCode: area };
    }
  }
  return null;
}

/**
 * Gives every PROVISIONING entry that `wanted` picks its sender: the market's own sender id for
 * types without numbers, the number the request named (once, when free), else the inventory's.
 * Returns the new list; entries the inventory cannot cover stay as they were.
 */
export function assignNumbers(tenant: Tenant, decl: MarketDecl, market: MarketRecord, wanted: (n: NumberRecord) => boolean): NumberRecord[] {
  const held = numbersHeld(tenant, market.numbers);
  let named = market.sender_value;
  return market.numbers.map((n) => {
    if (n.status !== 'PROVISIONING' || !wanted(n)) return n;
    if (!decl.inventory) return { ...n, sender_value: market.sender_value, status: 'ACTIVE' };
    if (named && !held.has(named)) {
      const number = named;
      named = null;
      held.add(number);
      return { ...n, sender_value: number, status: 'ACTIVE' };
    }
    const free = freeNumber(decl, n.area_code, held);
    if (!free) return n;
    held.add(free.number);
    return { ...n, sender_value: free.number, area_code: n.area_code ?? free.areaCode, status: 'ACTIVE' };
  });
}

/** `numbers` of a request, one entry per number asked for (quantity expanded; default: one, any area code). */
export function requestedNumbers(requests: unknown, campaignId: string | null): NumberRecord[] {
  const list = Array.isArray(requests) && requests.length > 0 ? requests : [{ area_code: null, quantity: 1 }];
  const out: NumberRecord[] = [];
  for (const r of list as Array<{ area_code?: string | null; quantity?: number }>) {
    for (let i = 0; i < (r.quantity ?? 1); i++) out.push({ sender_value: null, area_code: r.area_code ?? null, status: 'PROVISIONING', campaign_id: campaignId });
  }
  return out;
}

/** Entries that count against the 49 cap: everything not INACTIVE. */
export const counts = (n: NumberRecord) => n.status !== 'INACTIVE';
