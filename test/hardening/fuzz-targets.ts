/**
 * Where the fuzzer's requests point: path ids drawn from what earlier commands created (live or
 * deleted), ids nobody has, and malformed ones; and the query strings of the paginated lists.
 */
import fc from 'fast-check';
import type { FuzzModel } from './fuzz-invariants.js';

export type Target = { kind: 'known'; n: number } | { kind: 'ready'; n: number } | { kind: 'unknown'; id: string } | { kind: 'bad'; id: string };

/** The model's pools of ids, by the resource a path id names. */
export type Pool = 'profiles' | 'messages' | 'templates' | 'contacts' | 'webhooks' | 'users';

export const targetArb = (ready = 1): fc.Arbitrary<Target> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.nat().map((n) => ({ kind: 'known' as const, n })) },
    { weight: ready, arbitrary: fc.nat().map((n) => ({ kind: 'ready' as const, n })) },
    { weight: 1, arbitrary: fc.uuid().map((id) => ({ kind: 'unknown' as const, id })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom('..', '.', '%', 'null', '0', '00000000-0000-0000-0000-00000000000g'))
        .filter((s) => s.trim() !== '' && !s.includes('/'))
        .map((id) => ({ kind: 'bad' as const, id })),
    },
  );

/** The pool of the path's `{id}` (or `{userId}`): the resource is the segment after `/v3/`; a sender profile is a profile. */
export function poolOf(path: string): Pool | null {
  const resource = /^\/v3\/([a-z-]+)\/\{(?:id|userId)\}/.exec(path)?.[1];
  if (resource === 'sender-profiles') return 'profiles';
  return resource === 'messages' || resource === 'templates' || resource === 'contacts' || resource === 'webhooks' || resource === 'users' ? resource : null;
}

/** A market in a channels path (`{channel}/{country}/{type}`): mostly held or declared ones, some that are neither, some malformed. */
export const marketArb = fc.record({
  channel: fc.constantFrom('sms', 'sms', 'sms', 'SMS', 'whatsapp', 'mms'),
  country: fc.constantFrom('US', 'CA', 'GB', 'DE', 'AU', 'gb', 'FR', 'USA'),
  type: fc.constantFrom('TEN_DLC', 'LOCAL', 'ALPHANUMERIC', 'MOBILE', '10dlc', 'TOLL_FREE', 'SHORT_CODE', 'NOPE'),
});

/** A known id of `pool` (live or deleted), else an id nobody has. */
export function resolveIn(pool: Pool, target: Target, model: FuzzModel): string {
  if (target.kind === 'unknown' || target.kind === 'bad') return target.id;
  const from = pool === 'profiles' && target.kind === 'ready' && model.ready.length > 0 ? model.ready : model[pool];
  return from.length > 0 ? from[target.n % from.length]! : '00000000-0000-4000-8000-000000000000';
}

/** Numbers for `GET /v3/numbers/lookup/{phoneNumber}`: valid ones, E.164 nobody issued, and not E.164 at all. */
export const phoneArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('+12025551234', '+447911123456', '+4915123456789', '+18005550199', '+61412345678', '+819012345678') },
  { weight: 2, arbitrary: fc.constantFrom('+1234567890', '+15555555555', '+99912345678') },
  { weight: 1, arbitrary: fc.constantFrom('2025551234', 'abc', '++1', '%2B12025551234') },
  { weight: 1, arbitrary: fc.stringMatching(/^\+[1-9][0-9]{6,14}$/) },
);

const pageArb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('1', '2') }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', 'x', '') });
const pageSizeArb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('1', '5', '20', '100') }, { weight: 1, arbitrary: fc.constantFrom('0', '101', 'x') });

/** Query filters each paginated list takes, beside `page` and `page_size`. */
const FILTERS: Record<string, Record<string, fc.Arbitrary<string>>> = {
  listTemplates: {
    search: fc.constantFrom('hello', 'Hi', '', 'zz'),
    status: fc.constantFrom('DRAFT', 'PENDING', 'APPROVED', 'REJECTED', 'bogus'),
    category: fc.constantFrom('UTILITY', 'marketing', 'BOGUS'),
  },
  listContacts: {
    search: fc.constantFrom('555-01', '(415)', '', '7911'),
    channel: fc.constantFrom('sms', 'whatsapp', 'rcs'),
    phone: fc.constantFrom('+14155550100', '+14155550123', '+19995550000', 'not-a-number'),
  },
  listWebhooks: { is_active: fc.constantFrom('true', 'false', 'maybe'), search: fc.constantFrom('Orders', '', 'x') },
  listWebhookEvents: { search: fc.constantFrom('message', 'templates', 'delivered') },
};

/**
 * `page`/`page_size` (usually valid, now and then missing or out of range) and, one time in
 * three, one filter, for the paginated lists.
 */
export function queryArb(operationId: string, paginated: boolean): fc.Arbitrary<Record<string, string> | null> {
  if (!paginated) return fc.constant(null);
  const filters = Object.entries(FILTERS[operationId] ?? {}).map(([name, arb]) => arb.map((v) => ({ [name]: v })));
  const filter = filters.length > 0 ? fc.oneof({ weight: 2 * filters.length, arbitrary: fc.constant({}) }, ...filters) : fc.constant({});
  const pagination = fc.oneof(
    { weight: 12, arbitrary: fc.record({ page: pageArb, page_size: pageSizeArb }) },
    { weight: 1, arbitrary: fc.record({ page: pageArb }) },
  );
  return fc.tuple(pagination, filter).map(([p, f]) => ({ ...p, ...f }));
}
