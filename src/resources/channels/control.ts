import type { ControlRequest, ControlRoute } from '../../control/handler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { created, ok } from '../../http/result.js';
import type { Tenant } from '../../store/types.js';
import { isUuid, type Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { countryOf, declaredMarket, numberTypeOf } from '../compliance/table.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import { PROFILES } from '../profiles/collection.js';
import type { AccountService } from './account-service.js';
import { CAMPAIGN_STATES, channelAccount, MARKETS } from './collection.js';
import { campaignsOf, newCampaignState, type CampaignReviews, type CampaignVerdict } from './filing.js';
import { assignNumbers, requestedNumbers } from './inventory.js';
import { findMarket } from './markets.js';
import { heldMarket, marketInPath } from './market-service.js';
import type { MarketRecord, Origin, ReasonCode } from './records.js';
import { marketView } from './requirements.js';
import type { MarketReviews, Verdict } from './review.js';

const accountId = { type: 'string', maxLength: 64 };
const reason = { type: 'string', minLength: 1, maxLength: 1024 };
const reasonCode = { enum: ['CHANNEL_001', 'CHANNEL_002'] };

/** A control call starts the chain of the verdict it gives: its events carry its `X-Request-Id` (null in process). */
const origin = (c: ControlRequest): Origin => ({ scenario: null, request_id: c.requestId });

/** The organization (no id, or its own) or one of its live profiles; else `400`. */
function accountById(tenant: Tenant, id: string | undefined): Account {
  if (id === undefined || id.toLowerCase() === tenant.id) return { id: tenant.id, profileId: null };
  const profile = PROFILES.in(tenant).get(id.toLowerCase());
  if (!profile || profile.deleted_at !== null) throw validationError({ account_id: [MESSAGES.inboundAccountUnknown] });
  return { id: profile.id, profileId: profile.id };
}

export interface ChannelControlDeps {
  random: Random;
  reviews: MarketReviews;
  campaignReviews: CampaignReviews;
  accounts: AccountService;
}

/**
 * The channels' control plane (simulator-only, docs/decisions/0075, 0078). Each answers once the
 * events it published are delivered, as `clock/advance` does.
 * - `POST /_sim/channels/sms {country, number_type, account_id?, sender_value?}` — an ACTIVE
 *   market at once, any country and sender type, owing nothing (the quick way to send to a
 *   country: README "Adding a market"); `channel.activated`.
 * - `POST /_sim/channels/sms/{country}/{type}/review {outcome, reason_code?, reason?, account_id?}`
 *   — the review's verdict now: ACTIVE, ACTION_NEEDED (`CHANNEL_002` unless said) or INACTIVE.
 * - `POST /_sim/channels/campaigns/{id}/review {outcome, reason?}` — a US TEN_DLC campaign's
 *   verdict: ACTIVE, ACTION_NEEDED (a correction: it may be changed again), DECLINED or INACTIVE
 *   (out of service).
 * - `POST /_sim/channels/rcs/review {outcome, reason_code?, reason?, account_id?}` — the RCS agent's.
 */
export function channelControl(deps: ChannelControlDeps): ControlRoute[] {
  return [
    {
      method: 'post',
      path: '/channels/sms',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['country', 'number_type'],
        properties: { country: { type: 'string', maxLength: 8 }, number_type: { type: 'string', maxLength: 32 }, account_id: accountId, sender_value: { type: 'string', minLength: 1, maxLength: 32 } },
      },
      handle: async (c) => {
        const input = c.body as { country: string; number_type: string; account_id?: string; sender_value?: string };
        const country = countryOf(input.country);
        const type = numberTypeOf(input.number_type);
        if (!country || !type) throw validationError({ ...(country ? {} : { country: [MESSAGES.countryNotIso] }), ...(type ? {} : { number_type: [MESSAGES.typeMustBeOneOf] }) });
        const account = accountById(c.tenant, input.account_id);
        if (findMarket(c.tenant, account, country, type)) throw simError('RESOURCE_007', { status: 409, message: MESSAGES.marketHeld(country, type) });
        const now = c.tenant.clock.now();
        const decl = declaredMarket(country, type);
        const market: MarketRecord = {
          id: deps.random.uuid(), account_id: account.id, country, number_type: type, status: 'PROVISIONING', reason_code: null, reason: null,
          note: decl ? MESSAGES.shortcutMarketNote : MESSAGES.shortcutUndeclaredNote, sender_value: input.sender_value ?? null,
          numbers: decl?.inventory ? requestedNumbers(null, null) : [{ sender_value: input.sender_value ?? 'SENTSIM', area_code: null, status: 'PROVISIONING', campaign_id: null }],
          pending_brand: null, pending_campaign: null, fields: {}, documents: [], approved: true, seeded: true, review: null, job_at: null, created_at: sentTimestamp(now), updated_at: null,
        };
        const numbers = decl ? assignNumbers(c.tenant, decl, market, () => true) : market.numbers.map((n) => ({ ...n, status: 'ACTIVE' as const }));
        MARKETS.in(c.tenant).set(market.id, { ...market, numbers });
        const { record, delivered } = deps.reviews.verdict(c.tenant, { ...market, numbers }, 'ACTIVE', null, null, now, origin(c));
        await delivered;
        return created(marketView(c.tenant, account, record));
      },
    },
    {
      method: 'post',
      path: '/channels/sms/:country/:type/review',
      body: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { enum: ['ACTIVE', 'ACTION_NEEDED', 'INACTIVE'] }, reason_code: reasonCode, reason, account_id: accountId } },
      handle: async (c) => {
        const input = c.body as { outcome: Verdict; reason_code?: ReasonCode; reason?: string; account_id?: string };
        const { country, type } = marketInPath(c.params.country!, c.params.type!);
        const account = accountById(c.tenant, input.account_id);
        const market = heldMarket(c.tenant, account, country, type);
        const { record, delivered } = deps.reviews.verdict(c.tenant, market, input.outcome, input.reason_code ?? null, input.reason ?? null, c.tenant.clock.now(), origin(c));
        await delivered;
        return ok(marketView(c.tenant, account, record));
      },
    },
    {
      method: 'post',
      path: '/channels/campaigns/:id/review',
      params: ({ id }) => {
        if (!isUuid(String(id))) throw simError('VALIDATION_001', { message: MESSAGES.invalidTenDlcCampaignId, details: { id: [MESSAGES.invalidTenDlcCampaignId] } });
      },
      body: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { enum: ['ACTIVE', 'ACTION_NEEDED', 'DECLINED', 'INACTIVE'] }, reason } },
      handle: async (c) => {
        const input = c.body as { outcome: CampaignVerdict; reason?: string };
        const id = c.params.id!.toLowerCase();
        const record = CAMPAIGNS.in(c.tenant).get(id);
        if (!record) throw simError('RESOURCE_010', { message: MESSAGES.tenDlcCampaignNotFound });
        const owner = record.profileId ?? c.tenant.id;
        const state = CAMPAIGN_STATES.in(c.tenant).get(id) ?? newCampaignState(id, owner, null, deps.reviews.plan(c.tenant, { scenario: undefined, requestId: c.requestId }, c.tenant.clock.now(), 'review'));
        await deps.campaignReviews.verdict(c.tenant, { ...state, review: null }, input.outcome, input.reason ?? null, c.tenant.clock.now(), origin(c));
        const account: Account = owner === c.tenant.id ? { id: owner, profileId: null } : { id: owner, profileId: owner };
        const view = campaignsOf(c.tenant, account).find((x) => x.id === id);
        return ok({ id, status: view?.status ?? input.outcome, reason: CAMPAIGN_STATES.in(c.tenant).get(id)?.reason ?? null });
      },
    },
    {
      method: 'post',
      path: '/channels/rcs/review',
      body: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { enum: ['ACTIVE', 'ACTION_NEEDED', 'INACTIVE'] }, reason_code: reasonCode, reason, account_id: accountId } },
      handle: async (c) => {
        const input = c.body as { outcome: Verdict; reason_code?: ReasonCode; reason?: string; account_id?: string };
        const account = accountById(c.tenant, input.account_id);
        const agent = channelAccount(c.tenant, account.id)?.rcs;
        if (!agent) throw simError('RESOURCE_013', { message: MESSAGES.rcsNotHeld });
        await deps.accounts.verdict(c.tenant, account, agent, input.outcome, input.reason_code ?? null, input.reason ?? null, c.tenant.clock.now(), c.requestId);
        const { review: _review, ...view } = channelAccount(c.tenant, account.id)!.rcs!;
        return ok(view);
      },
    },
  ];
}
