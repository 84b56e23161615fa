import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import { newestFirst, pageMeta, pageOf, paginate } from '../../http/pagination.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { PROFILES } from '../profiles/collection.js';
import { CONTACT_CAP, CONTACTS, EVERY_ACCOUNT, listGroup, newContact, phoneKey, type ContactRecord } from './collection.js';
import { matchesFilters, phoneFilter, queryText, readsContact, writesContact, type ContactScope } from './rules.js';
import { contactToWire } from './to-wire.js';

type Schemas = components['schemas'];
type Contact = Schemas['Contact'];

/**
 * Contacts a list's pass looks at between two turns of the event loop (~0.5 ms). Measured with
 * scripts/issue-25-figures.mjs row 13 (100k contacts, four clients listing): another tenant's p50
 * 7.0 ms with slices of 20,000, 2.8 ms with 5,000 (quiet: ~3 ms).
 */
const SCAN_SLICE = 5_000;

export interface ContactServiceDeps {
  random: Random;
  /** Bounded memory: creates past this many stored contacts per tenant (all accounts) are refused. */
  maxContacts: number;
}

/**
 * Contact operations, named after the spec's operationIds (docs/decisions/0018, 0055). A contact
 * belongs to one account (`accountOf`). A profile sees only its own; the organization reads its
 * own and its profiles' (read-time widening) and changes only its own. The phone rules ran before
 * any of these (routes.ts); a write replaces the stored record in one step, so a refused request
 * changes nothing. Sandbox looks nothing up and stores nothing (docs/decisions/0008).
 */
export class ContactService {
  constructor(private readonly deps: ContactServiceDeps) {}

  createContact(tenant: Tenant, account: Account, phoneNumber: string, sandbox: boolean): Contact {
    const record = newContact(account.id, phoneNumber, phoneNumber, { random: this.deps.random, now: tenant.clock.now() });
    if (sandbox) return contactToWire(record);
    const contacts = CONTACTS.in(tenant);
    if (contacts.findBy('phone', phoneKey(account.id, phoneNumber))) throw simError('RESOURCE_007', { message: MESSAGES.contactExists });
    if (contacts.size >= this.deps.maxContacts) throw limitError(CONTACT_CAP, this.deps.maxContacts);
    contacts.set(record.id, record);
    return contactToWire(record);
  }

  retrieveContact(tenant: Tenant, account: Account, id: string): Contact {
    return contactToWire(found(tenant, id, (accountId) => readsContact(scopeOf(account), accountId)));
  }

  /** PATCH: `default_channel` and `opt_out`; absent or `null` leaves a value unchanged. `updated_at` is set either way. */
  updateContact(tenant: Tenant, account: Account, id: string, body: Schemas['UpdateContactRequest'], sandbox: boolean): Contact {
    const now = tenant.clock.now();
    const current = sandbox ? this.sandboxContact(account, id, now) : writable(tenant, account, id);
    const next: ContactRecord = {
      ...current,
      default_channel: body.default_channel ?? current.default_channel,
      opt_out: body.opt_out ?? current.opt_out,
      updated_at: sentTimestamp(now),
    };
    if (!sandbox) CONTACTS.in(tenant).set(next.id, next);
    return contactToWire(next);
  }

  /**
   * Newest first, paginated (docs/decisions/0011, 0054). `phone` (exact E.164) names one number:
   * none visible → `404 RESOURCE_001` with Sent's wording; the organization may see it once per
   * account that holds it. Read through the `listed` index (issue 25 row 13): the account's
   * contacts — for the organization, the tenant's — or those on `channel`, already newest first,
   * so a page of them costs the page, not the store. `search` costs one pass over a copy of the
   * group, which yields to other requests every `SCAN_SLICE` contacts.
   */
  async listContacts(tenant: Tenant, account: Account, query: Record<string, unknown>): Promise<{ contacts: Contact[]; pagination: Schemas['PaginationMeta'] }> {
    const page = pageOf(query);
    const scope = scopeOf(account);
    const search = queryText(query.search);
    const channel = queryText(query.channel);
    const phone = phoneFilter(query.phone);
    if (phone !== undefined) {
      const { items, pagination } = paginate(byPhone(tenant, scope, phone).filter((c) => matchesFilters(c, search, channel)), page);
      return { contacts: items.map(contactToWire), pagination };
    }
    const group = CONTACTS.in(tenant).list('listed', listGroup(scope.widened ? EVERY_ACCOUNT : scope.own, channel));
    const from = (page.page - 1) * page.page_size;
    if (search === undefined) {
      return { contacts: group.slice(from, from + page.page_size).map(contactToWire), pagination: pageMeta(group.size, page) };
    }
    const all = group.toArray();
    const items: ContactRecord[] = [];
    let total = 0;
    for (let i = 0; i < all.length; i++) {
      if (i > 0 && i % SCAN_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const c = all[i]!;
      if (!c.format_national.includes(search)) continue;
      if (total >= from && items.length < page.page_size) items.push(c);
      total++;
    }
    return { contacts: items.map(contactToWire), pagination: pageMeta(total, page) };
  }

  deleteContact(tenant: Tenant, account: Account, id: string, sandbox: boolean): void {
    if (sandbox) return;
    CONTACTS.in(tenant).delete(writable(tenant, account, id).id);
  }

  /** What a sandbox PATCH is applied to (no lookup): a sample contact with the requested id and a fictional 555-01xx number. */
  private sandboxContact(account: Account, id: string, now: number): ContactRecord {
    const number = `+1415555${String(100 + Math.floor(this.deps.random.next() * 100)).padStart(4, '0')}`;
    return { ...newContact(account.id, number, number, { random: this.deps.random, now }), id };
  }
}

/** What the account reads and changes: a profile its own; the organization also reads its profiles' (docs/decisions/0055). */
function scopeOf(account: Account): ContactScope {
  return { own: account.id, widened: account.profileId === null };
}

/** A contact of an account `allowed` admits, else `404 RESOURCE_001` (another account's is "not found", never 403). */
function found(tenant: Tenant, id: string, allowed: (accountId: string) => boolean): ContactRecord {
  const contact = CONTACTS.in(tenant).get(id);
  if (!contact || !allowed(contact.account_id)) throw simError('RESOURCE_001');
  return contact;
}

/** A contact the account may change: its own (the organization's widened reads stop here). */
function writable(tenant: Tenant, account: Account, id: string): ContactRecord {
  return found(tenant, id, (accountId) => writesContact(scopeOf(account), accountId));
}

/**
 * The contacts with number `phone` the scope reads, newest first: a profile's own one; for the
 * organization, its own and each profile's (one lookup per profile in the `phone` index, never a
 * pass over the contacts). None → `404 RESOURCE_001` "Contact not found with the specified phone number".
 */
function byPhone(tenant: Tenant, scope: ContactScope, phone: string): ContactRecord[] {
  const contacts = CONTACTS.in(tenant);
  const accounts = scope.widened ? [scope.own, ...PROFILES.in(tenant).keys()] : [scope.own];
  const out: ContactRecord[] = [];
  for (const accountId of accounts) {
    const c = contacts.findBy('phone', phoneKey(accountId, phone));
    if (c) out.push(c);
  }
  if (out.length === 0) throw simError('RESOURCE_001', { message: MESSAGES.contactPhoneNotFound });
  return out.sort(newestFirst);
}
