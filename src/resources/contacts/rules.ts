/**
 * Contact rules as pure functions (docs/decisions/0018, 0055): the phone number a create needs,
 * the list's query values, and which contacts an account sees. No Express, no I/O.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { simError, type ErrorDetails, type SimError } from '../../errors/sim-error.js';
import { E164 } from '../../util/phone.js';

/**
 * What is wrong with a create's `phone_number`, as Sent answers it: missing (or empty) →
 * `400 VALIDATION_001` "Phone number is required" with `details: null` (its docs example); not
 * E.164 → `400 VALIDATION_002` naming the field (docs/decisions/0011). A value of the wrong
 * type is the schema's to report.
 */
export function phoneNumberProblem(body: unknown): SimError | null {
  const value = isObject(body) ? body.phone_number : undefined;
  if (value === undefined || value === null || value === '') return simError('VALIDATION_001', { message: MESSAGES.phoneNumberRequired });
  if (typeof value === 'string' && !E164.test(value)) {
    return simError('VALIDATION_002', { details: { phone_number: [MESSAGES.phoneNumberNotE164] } });
  }
  return null;
}

/** The same problem as field details, for an answer that also lists the schema's problems. */
export function phoneNumberDetails(body: unknown): ErrorDetails {
  const problem = phoneNumberProblem(body);
  if (!problem) return {};
  return problem.details ?? { phone_number: [problem.message] };
}

/** A query value as text: absent, empty (the SDK sends `null` as `key=`) or repeated → no filter. */
export function queryText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The `phone` filter's number. An unencoded `+` in a query string reads as a space
 * (`?phone=+14155550100` typed in curl), so a leading space before digits is taken as the `+`
 * it was; the SDK encodes it as `%2B` and needs no help.
 */
export function phoneFilter(value: unknown): string | undefined {
  const text = queryText(value);
  return text !== undefined && /^ \d+$/.test(text) ? `+${text.slice(1)}` : text;
}

/** Whether a contact passes the `search` (national format, as typed) and `channel` filters. */
export function matchesFilters(c: { format_national: string; available_channels: string }, search: string | undefined, channel: string | undefined): boolean {
  if (search !== undefined && !c.format_national.includes(search)) return false;
  if (channel !== undefined && !c.available_channels.split(',').includes(channel)) return false;
  return true;
}

/**
 * Which contacts a caller reads (decisions §14, docs/decisions/0055): a contact belongs to one
 * account. A profile reads only its own; the organization reads its own and every profile's
 * (Sent's "read-time widening"). Either changes only its own.
 */
export interface ContactScope {
  /** The caller's account: the only one whose contacts it may change. */
  own: string;
  /** Whether it also reads every other account's contacts (the organization). */
  widened: boolean;
}

/** Whether the scope reads a contact of `accountId`. */
export function readsContact(scope: ContactScope, accountId: string): boolean {
  return scope.widened || accountId === scope.own;
}

/**
 * Whether the scope may change (PATCH, DELETE) a contact of `accountId`: its own only. A profile's
 * contact that the organization reads is "not found" to its writes (`404 RESOURCE_001`), as
 * another account's record always is.
 */
export function writesContact(scope: ContactScope, accountId: string): boolean {
  return accountId === scope.own;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
