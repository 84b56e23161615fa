import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import { newestFirst, pageOf, paginate } from '../../http/pagination.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { PROFILES } from '../profiles/collection.js';
import { CONTACT_CAP, CONTACTS, newContact, phoneKey, type ContactRecord } from './collection.js';
import { assertOwnContact, matchesFilters, phoneFilter, queryText, type ContactScope } from './rules.js';
import { contactToWire } from './to-wire.js';

type Schemas = components['schemas'];
type Contact = Schemas['Contact'];

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
   * one with the same number, so a number is listed once.
   */
  listContacts(tenant: Tenant, account: Account, query: Record<string, unknown>): { contacts: Contact[]; pagination: Schemas['PaginationMeta'] } {
    const page = pageOf(query);
    const scope = scopeOf(tenant, account);
    const search = queryText(query.search);
    const channel = queryText(query.channel);
    const phone = phoneFilter(query.phone);
    const candidates = phone === undefined ? this.all(tenant, scope) : [this.byPhone(tenant, scope, phone)];
    const matches = candidates.filter((c) => matchesFilters(c, search, channel)).sort(newestFirst);
    const { items, pagination } = paginate(matches, page);
    return { contacts: items.map((c) => contactToWire(c, c.account_id !== scope.own)), pagination };
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

  private all(tenant: Tenant, scope: ContactScope): ContactRecord[] {
    const contacts = CONTACTS.in(tenant);
    const out: ContactRecord[] = [];
    for (const c of contacts.values()) {
      if (c.account_id === scope.own) out.push(c);
      else if (c.account_id === scope.inherited && !contacts.findBy('phone', phoneKey(scope.own, c.format_e164))) out.push(c);
    }
    return out;
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
