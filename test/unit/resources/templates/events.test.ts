import { describe, expect, it } from 'vitest';
import type { SentEvent } from '../../../../src/events/bus.js';
import type { Account } from '../../../../src/resources/account.js';
import { TEMPLATES } from '../../../../src/resources/templates/collection.js';
import { TemplateReviews } from '../../../../src/resources/templates/review.js';
import { TemplateService } from '../../../../src/resources/templates/service.js';
import type { Scenario } from '../../../../src/scenarios/types.js';
import { HOUR } from '../../../../src/util/time.js';
import { tenantKey, testApp } from '../../../support/app.js';
import { aBody, aPairTemplate, aTemplate } from '../../../support/template-builders.js';

/** The services on a simulator's deps, with a subscriber on the event bus standing in for webhooks. */
function setup() {
  // Real time stands still, so the tenant clock moves only when a test advances it.
  const { deps } = testApp({ realNow: () => Date.UTC(2026, 4, 21, 12) });
  const tenant = deps.tenants.createTenant({ ownerKey: tenantKey() });
  const events: SentEvent[] = [];
  deps.events.subscribe((_t, e) => void events.push(e));
  const reviews = new TemplateReviews({ random: deps.random, scheduler: deps.scheduler, events: deps.events, logger: deps.logger });
  const service = new TemplateService({ random: deps.random, reviews, maxTemplates: 100 });
  const org: Account = { id: tenant.id, profileId: null };
  const advance = (ms: number) => deps.scheduler.advance(tenant, ms);
  return { deps, tenant, events, reviews, service, org, advance };
}

const payloads = (events: SentEvent[]) => events.map((e) => e.payload);

describe('template events', () => {
  it('a submission publishes one event per leg (sms and rcs APPROVED, whatsapp PENDING) with Meta’s id and its request id, and the review 24 h later the whatsapp verdict with none', async () => {
    const { tenant, events, service, org, advance } = setup();
    const submittedAt = tenant.clock.now();
    const t = service.createTemplate(tenant, org, aTemplate({ category: 'MARKETING', language: 'es_MX', submit_for_review: true }), false, undefined, 'req_Submit0001');
    const metaId = events[0]?.payload.whatsapp_template_id;
    expect(metaId).toMatch(/^[1-9]\d{15}$/);
    const event = (channel: string, status: string, at = submittedAt, requestId: string | null = 'req_Submit0001') => ({
      account_id: tenant.id,
      family: 'templates',
      name: 'templates',
      at,
      payload: {
        status,
        whatsapp_template_id: metaId,
        account_id: tenant.id,
        category: 'MARKETING',
        channel,
        language: 'es_MX',
        reason: null,
        template_id: t.id,
        template_name: t.name,
      },
      order_key: t.id,
      scenario: null,
      request_id: requestId,
    });
    expect(events).toEqual([event('sms', 'APPROVED'), event('whatsapp', 'PENDING'), event('rcs', 'APPROVED')]);
    await advance(24 * HOUR - 1);
    expect(events).toHaveLength(3);
    await advance(1);
    expect(events).toEqual([event('sms', 'APPROVED'), event('whatsapp', 'PENDING'), event('rcs', 'APPROVED'), event('whatsapp', 'APPROVED', submittedAt + 24 * HOUR, null)]);
  });

  it('DRAFTs and live edits publish nothing: a new draft, a rename, an edit of an approved template', async () => {
    const { tenant, events, service, org, advance } = setup();
    const t = service.createTemplate(tenant, org, aTemplate(), false, undefined);
    service.updateTemplate(tenant, org, t.id, { name: 'Renamed' }, false, undefined);
    expect(events).toEqual([]);
    service.updateTemplate(tenant, org, t.id, { submit_for_review: true }, false, undefined);
    await advance(24 * HOUR);
    expect(payloads(events).map((p) => [p.channel, p.status])).toEqual([['sms', 'APPROVED'], ['whatsapp', 'PENDING'], ['rcs', 'APPROVED'], ['whatsapp', 'APPROVED']]);
    service.updateTemplate(tenant, org, t.id, { definition: { body: { multiChannel: aBody('New text for you') } } }, false, undefined);
    expect(service.retrieveTemplate(tenant, org, t.id).status).toBe('APPROVED');
    expect(events).toHaveLength(4);
  });

  it('a whatsapp rejection carries its reason; the resubmission publishes every leg again with the reason cleared; the events name the scenario', async () => {
    const { tenant, events, service, org, advance } = setup();
    const scenario = { name: 'template-review-rejected', templates: { review: 'rejected', reason: 'Too promotional' } } as Scenario;
    const t = service.createTemplate(tenant, org, aTemplate({ submit_for_review: true }), false, scenario);
    expect(events.map((e) => [e.payload.channel, e.payload.status, e.payload.reason, e.scenario])).toEqual([
      ['sms', 'APPROVED', null, 'template-review-rejected'],
      ['whatsapp', 'PENDING', null, 'template-review-rejected'],
      ['rcs', 'APPROVED', null, 'template-review-rejected'],
      ['whatsapp', 'REJECTED', 'Too promotional', 'template-review-rejected'],
    ]);
    service.updateTemplate(tenant, org, t.id, { submit_for_review: true }, false, undefined);
    await advance(24 * HOUR);
    expect(events.slice(4).map((e) => [e.payload.template_id, e.payload.channel, e.payload.status, e.payload.reason, e.scenario])).toEqual([
      [t.id, 'sms', 'APPROVED', null, null],
      [t.id, 'whatsapp', 'PENDING', null, null],
      [t.id, 'rcs', 'APPROVED', null, null],
      [t.id, 'whatsapp', 'APPROVED', null, null],
    ]);
  });

  it('a template-wide verdict publishes one event without channel', () => {
    const { tenant, events, service, org } = setup();
    const scenario = { name: 'template-review-rejected-everywhere', templates: { review: 'rejected', scope: 'template', reason: 'No' } } as Scenario;
    service.createTemplate(tenant, org, { ...aPairTemplate(), submit_for_review: true }, false, scenario);
    expect(events).toHaveLength(4);
    expect(events[3]!.payload).toMatchObject({ status: 'REJECTED', reason: 'No' });
    expect(events[3]!.payload).not.toHaveProperty('channel');
    expect(events[0]!.at).toBe(events[3]!.at);
  });

  it('a profile’s template events carry the profile as account_id', () => {
    const { tenant, events, service } = setup();
    const profile: Account = { id: '770e8400-e29b-41d4-a716-446655440002', profileId: '770e8400-e29b-41d4-a716-446655440002' };
    service.createTemplate(tenant, profile, { ...aPairTemplate(), submit_for_review: true }, false, undefined);
    expect(events.map((e) => [e.account_id, e.payload.account_id])).toEqual(Array(3).fill([profile.id, profile.id]));
  });

  it('sandbox publishes nothing and schedules nothing', () => {
    const { tenant, events, service, org } = setup();
    service.createTemplate(tenant, org, aTemplate({ submit_for_review: true }), true, undefined);
    service.updateTemplate(tenant, org, '7ba7b820-9dad-11d1-80b4-00c04fd430c8', { submit_for_review: true }, true, undefined);
    expect(events).toEqual([]);
    expect(tenant.jobs.size).toBe(0);
  });

  it('the review job hands back the delivery work, so a clock advance waits for the event’s deliveries', async () => {
    const { deps, tenant, service, org, advance } = setup();
    let release: () => void = () => {};
    deps.events.subscribe((_t, e) => (e.payload.status === 'APPROVED' ? new Promise<void>((r) => (release = r)) : undefined));
    service.createTemplate(tenant, org, aTemplate({ submit_for_review: true }), false, undefined);
    let done = false;
    const advancing = advance(24 * HOUR).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    release();
    await advancing;
    expect(done).toBe(true);
  });

  it('the control route’s decision hands back its deliveries too', async () => {
    const { deps, tenant, reviews, service, org } = setup();
    let release: () => void = () => {};
    deps.events.subscribe((_t, e) => (e.payload.status === 'REJECTED' ? new Promise<void>((r) => (release = r)) : undefined));
    const t = service.createTemplate(tenant, org, aTemplate({ submit_for_review: true }), false, undefined);
    const stored = service.retrieveTemplate(tenant, org, t.id);
    expect(stored.status).toBe('PENDING');
    const { record, delivered } = reviews.decide(tenant, TEMPLATES.in(tenant).get(t.id)!, 'REJECTED', 'whatsapp', 'No', tenant.clock.now());
    expect(record).toMatchObject({ status: 'REJECTED', reason: 'No' });
    let done = false;
    void delivered!.then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    release();
    await delivered;
    expect(done).toBe(true);
  });
});
