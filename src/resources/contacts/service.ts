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
import { CONTACT_CAP, CONTACTS, listGroup, newContact, phoneKey, type ContactRecord } from './collection.js';
import { assertOwnContact, matchesFilters, phoneFilter, queryText, type ContactScope } from './rules.js';
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
 * Contact operations, named after the spec's operationIds (docs/decisions/0018). Contacts
 * belong to an account (`accountOf`); a profile that inherits contacts also sees its
 * organization's, marked `is_inherited`, and may not change them. The phone rules ran before
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
    const scope = scopeOf(tenant, account);
    const contact = visible(tenant, scope, id);
    return contactToWire(contact, contact.account_id !== scope.own);
  }

  /** PATCH: `default_channel` and `opt_out`; absent or `null` leaves a value unchanged. `updated_at` is set either way. */
  updateContact(tenant: Tenant, account: Account, id: string, body: Schemas['UpdateContactRequest'], sandbox: boolean): Contact {
    const now = tenant.clock.now();
    const current = sandbox ? this.sandboxContact(account, id, now) : this.writable(tenant, account, id);
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
   * Newest first, paginated (docs/decisions/0011). `phone` (exact E.164) names one number: none
   * visible → `404 RESOURCE_001` with Sent's wording. A profile's own contact hides an inherited
   * one with the same number, so a number is listed once. Read through the `listed` index (issue
   * 25 row 13): an account's contacts, or those on `channel`, already newest first — a page of them
   * costs the page, not the store. `search` and inherited contacts cost one pass over a copy of
   * the groups, which yields to other requests every `SCAN_SLICE` contacts.
   */
  async listContacts(tenant: Tenant, account: Account, query: Record<string, unknown>): Promise<{ contacts: Contact[]; pagination: Schemas['PaginationMeta'] }> {
    const page = pageOf(query);
    const scope = scopeOf(tenant, account);
    const search = queryText(query.search);
    const channel = queryText(query.channel);
    const phone = phoneFilter(query.phone);
    const wire = (c: ContactRecord) => contactToWire(c, c.account_id !== scope.own);
    if (phone !== undefined) {
      const { items, pagination } = paginate([this.byPhone(tenant, scope, phone)].filter((c) => matchesFilters(c, search, channel)), page);
      return { contacts: items.map(wire), pagination };
    }
    const contacts = CONTACTS.in(tenant);
    const own = contacts.list('listed', listGroup(scope.own, channel));
    const from = (page.page - 1) * page.page_size;
    if (search === undefined && scope.inherited === null) {
      return { contacts: own.slice(from, from + page.page_size).map(wire), pagination: pageMeta(own.size, page) };
    }
    // One pass, newest first, over the account's group and the inherited one merged.
    const mine = own.toArray();
    const theirs = scope.inherited === null ? [] : contacts.list('listed', listGroup(scope.inherited, channel)).toArray();
    const items: ContactRecord[] = [];
    let total = 0;
    for (let i = 0, j = 0, n = 0; i < mine.length || j < theirs.length; n++) {
      if (n > 0 && n % SCAN_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const c = j >= theirs.length || (i < mine.length && newestFirst(mine[i]!, theirs[j]!) <= 0) ? mine[i++]! : theirs[j++]!;
      if (c.account_id !== scope.own && contacts.findBy('phone', phoneKey(scope.own, c.format_e164))) continue;
      if (search !== undefined && !c.format_national.includes(search)) continue;
      if (total >= from && items.length < page.page_size) items.push(c);
      total++;
    }
    return { contacts: items.map(wire), pagination: pageMeta(total, page) };
  }

  deleteContact(tenant: Tenant, account: Account, id: string, sandbox: boolean): void {
    if (sandbox) return;
    CONTACTS.in(tenant).delete(this.writable(tenant, account, id).id);
  }

  private writable(tenant: Tenant, account: Account, id: string): ContactRecord {
    const scope = scopeOf(tenant, account);
    const contact = visible(tenant, scope, id);
    assertOwnContact(contact, scope);
    return contact;
  }

  private byPhone(tenant: Tenant, scope: ContactScope, phone: string): ContactRecord {
    const contacts = CONTACTS.in(tenant);
    const found = contacts.findBy('phone', phoneKey(scope.own, phone)) ?? (scope.inherited === null ? undefined : contacts.findBy('phone', phoneKey(scope.inherited, phone)));
    if (!found) throw simError('RESOURCE_001', { message: MESSAGES.contactPhoneNotFound });
    return found;
  }

  /** What a sandbox PATCH is applied to (no lookup): a sample contact with the requested id and a fictional 555-01xx number. */
  private sandboxContact(account: Account, id: string, now: number): ContactRecord {
    const number = `+1415555${String(100 + Math.floor(this.deps.random.next() * 100)).padStart(4, '0')}`;
    return { ...newContact(account.id, number, number, { random: this.deps.random, now }), id };
  }
}

/** The caller's own account, and its organization's when a profile inherits contacts. */
function scopeOf(tenant: Tenant, account: Account): ContactScope {
  if (account.profileId === null) return { own: account.id, inherited: null };
  const profile = PROFILES.in(tenant).get(account.profileId);
  const inherits = profile !== undefined && profile.deleted_at === null && profile.inherit_contacts;
  return { own: account.id, inherited: inherits ? tenant.id : null };
}

/** A contact the scope sees, else `404 RESOURCE_001` (another account's is "not found", never 403). */
function visible(tenant: Tenant, scope: ContactScope, id: string): ContactRecord {
  const contact = CONTACTS.in(tenant).get(id);
  if (!contact || (contact.account_id !== scope.own && contact.account_id !== scope.inherited)) throw simError('RESOURCE_001');
  return contact;
}
