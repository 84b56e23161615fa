import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import type { EventBus } from '../../events/bus.js';
import type { components } from '../../generated/sent-v3.js';
import type { Scheduler } from '../../clock/scheduler.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { declaredMarket } from '../compliance/table.js';
import { PROFILES } from '../profiles/collection.js';
import { ownerBusinessId, rcsView, SOLUTION_ID, whatsappView } from './account-views.js';
import { CHANNEL_ACCOUNTS, saveChannelAccount } from './collection.js';
import { rcsEvent, type ChannelEventName } from './events.js';
import { profileOf } from './identity.js';
import { freeNumber, numbersHeld } from './inventory.js';
import type { ChannelCall } from './market-service.js';
import type { Origin, RcsRecord, ReviewRecord } from './records.js';
import type { MarketReviews, ReviewJob } from './review.js';

type Schemas = components['schemas'];

export const RCS_REVIEW_JOB = 'channel.rcs-review';

export interface AccountServiceDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  reviews: MarketReviews;
}

/**
 * `POST /v3/channels/whatsapp` and `POST /v3/channels/rcs` (sent-api-v3-2026-11 §2.7,
 * docs/decisions/0077). A WABA connects at once (ACTIVE with a phone number id, PROVISIONING
 * without) and becomes the profile's own on `/v3/profiles` too; an RCS agent is reviewed on the
 * tenant clock like a market, with `channel.*` events carrying its address's country.
 */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  addWhatsappChannel(call: ChannelCall, body: Schemas['AddWhatsappRequest']): Schemas['WhatsappAccount'] {
    const { tenant, account } = call;
    const account_ = { waba_id: body.waba_id, phone_number_id: body.phone_number_id ?? null, solution_id: SOLUTION_ID, owner_business_id: ownerBusinessId(tenant) };
    const record: Schemas['WhatsappAccount'] = { ...account_, status: account_.phone_number_id ? 'ACTIVE' : 'PROVISIONING' };
    if (call.sandbox) return record;
    if (whatsappView(tenant, account)) throw simError('RESOURCE_007', { status: 409, message: MESSAGES.whatsappHeld });
    saveChannelAccount(tenant, account.id, { whatsapp: record }, () => this.deps.random.uuid());
    const profile = profileOf(tenant, account);
    if (profile) {
      const whatsapp = { waba_id: record.waba_id, access_token: null, phone_number_id: record.phone_number_id, inherited: false };
      PROFILES.in(tenant).set(profile.id, { ...profile, whatsapp, updated_at: sentTimestamp(tenant.clock.now()) });
    } else {
      tenant.organization.waba = { waba_id: record.waba_id };
    }
    return record;
  }

  addRcsChannel(call: ChannelCall, body: Schemas['AddRcsRequest']): Schemas['RcsAgent'] {
    const { tenant, account } = call;
    const now = tenant.clock.now();
    const review = this.deps.reviews.plan(tenant, call, now, 'review');
    const agent = this.newAgent(body, now, review);
    const { review: _review, ...view } = agent;
    if (call.sandbox) return view;
    if (rcsView(tenant, account)) throw simError('RESOURCE_007', { status: 409, message: MESSAGES.rcsHeld });
    this.store(tenant, account, agent);
    this.deps.reviews.background(this.publish(tenant, account, agent, 'channel.submitted', null, null, now, review));
    return view;
  }

  /** The RCS review job: the verdict (ACTIVE with a number, ACTION_NEEDED, or INACTIVE). */
  onJob(tenant: Tenant, { id }: ReviewJob, at: number): Promise<unknown> | undefined {
    const record = CHANNEL_ACCOUNTS.in(tenant).get(id);
    const agent = record?.rcs;
    if (!record || !agent?.review || agent.review.due_at > at) return undefined;
    const account: Account = record.account_id === tenant.id ? { id: tenant.id, profileId: null } : { id: record.account_id, profileId: record.account_id };
    return this.verdict(tenant, account, agent, agent.review.outcome, agent.review.reason_code, agent.review.reason, at, agent.review.request_id);
  }

  /** The agent's verdict: its review's, or a control call's (`requestId`, the `request_id` of its event). */
  verdict(tenant: Tenant, account: Account, agent: RcsRecord, outcome: ReviewRecord['outcome'], reasonCode: string | null, reason: string | null, at: number, requestId: string | null): Promise<unknown> | undefined {
    const origin: Origin = { scenario: agent.review?.scenario ?? null, request_id: requestId };
    let next: RcsRecord = { ...agent, review: null, status: outcome };
    let name: ChannelEventName = 'channel.submitted';
    if (outcome === 'ACTIVE') {
      next = { ...next, phone_number: agent.phone_number ?? this.agentNumber(tenant) };
      name = 'channel.activated';
    } else if (outcome === 'INACTIVE') name = 'channel.deactivated';
    else if (agent.status === 'ACTIVE') name = 'channel.deactivated';
    this.store(tenant, account, next);
    const code = outcome === 'ACTION_NEEDED' ? (reasonCode ?? 'CHANNEL_002') : null;
    const why = outcome === 'ACTION_NEEDED' ? (reason ?? MESSAGES.correctionRequested) : outcome === 'INACTIVE' ? (reason ?? MESSAGES.marketDeactivated) : null;
    return this.publish(tenant, account, next, name, why, code, at, origin);
  }

  private newAgent(body: Schemas['AddRcsRequest'], now: number, review: ReviewRecord): RcsRecord {
    const address = body.official_address!;
    const s = (v: string | null | undefined) => v ?? '';
    return {
      id: this.deps.random.uuid(),
      status: 'PENDING_REVIEW',
      phone_number: null,
      display_name: s(body.display_name),
      description: s(body.description),
      agent_use_case: body.agent_use_case as RcsRecord['agent_use_case'],
      brand_name: s(body.brand_name),
      privacy_policy_url: s(body.privacy_policy_url),
      terms_and_conditions_url: s(body.terms_and_conditions_url),
      website_url: s(body.website_url),
      brand_color: s(body.brand_color),
      logo_url: s(body.logo_url),
      banner_url: s(body.banner_url),
      brand_phone_number: s(body.brand_phone_number),
      customer_support_phone_number: s(body.customer_support_phone_number),
      brand_email: s(body.brand_email),
      customer_support_email: s(body.customer_support_email),
      contact_name_and_title: s(body.contact_name_and_title),
      company_ein: s(body.company_ein),
      entity_type: s(body.entity_type),
      official_address: { street: s(address.street), city: s(address.city), state: s(address.state), postal_code: s(address.postal_code), country: s(address.country).toUpperCase() },
      brief_company_description: s(body.brief_company_description),
      opt_in_process_description: s(body.opt_in_process_description),
      start_message: s(body.start_message),
      help_message: s(body.help_message),
      stop_message: s(body.stop_message),
      sample_messages: [...(body.sample_messages ?? [])],
      opt_in_screenshot_url: body.opt_in_screenshot_url ?? null,
      created_at: sentTimestamp(now),
      review,
    };
  }

  /** Stores the agent and arms its review job when it has one pending. */
  private store(tenant: Tenant, account: Account, agent: RcsRecord): void {
    const record = saveChannelAccount(tenant, account.id, { rcs: agent }, () => this.deps.random.uuid());
    if (agent.review) this.deps.scheduler.schedule(tenant, { kind: RCS_REVIEW_JOB, dueAt: agent.review.due_at, payload: { id: record.id } satisfies ReviewJob });
  }

  private publish(tenant: Tenant, account: Account, agent: RcsRecord, name: ChannelEventName, reason: string | null, code: string | null, at: number, origin: Origin) {
    return this.deps.events.publish(tenant, rcsEvent(account, agent, name, reason, code, at, origin));
  }

  /** An agent's number: the next free fictional US toll-free number (RCS agents send from one). */
  private agentNumber(tenant: Tenant): string | null {
    const held = numbersHeld(tenant);
    for (const a of CHANNEL_ACCOUNTS.in(tenant).values()) if (a.rcs?.phone_number) held.add(a.rcs.phone_number);
    return freeNumber(declaredMarket('US', 'TOLL_FREE')!, null, held)?.number ?? null;
  }
}
