import { describe, expect, it } from 'vitest';
import type { SentEvent } from '../../../../src/events/bus.js';
import type { Account } from '../../../../src/resources/account.js';
import { TEMPLATES } from '../../../../src/resources/templates/collection.js';
import { TemplateReviews } from '../../../../src/resources/templates/review.js';
import { TemplateService } from '../../../../src/resources/templates/service.js';
import type { Scenario } from '../../../../src/scenarios/types.js';
import { HOUR } from '../../../../src/util/time.js';
import { tenantKey, testApp } from '../../../support/app.js';
import { aBody, aChannelTemplate, aTemplate } from '../../../support/template-builders.js';

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
  it('a submission publishes PENDING (empty WhatsApp id), and the review 24 h later APPROVED with the Meta id', async () => {
    const { tenant, events, service, org, advance } = setup();
    const submittedAt = tenant.clock.now();
    const t = service.createTemplate(tenant, org, aTemplate({ category: 'MARKETING', language: 'es_MX', submit_for_review: true }), false, undefined);
    expect(events).toEqual([
      {
        account_id: tenant.id,
        family: 'templates',
        name: 'templates',
        at: submittedAt,
        payload: {
          account_id: tenant.id,
          template_id: t.id,
          template_name: t.name,
          whatsapp_template_id: '',
          status: 'PENDING',
          language: 'es_MX',
          category: 'MARKETING',
          channel: 'whatsapp',
          reason: null,
        },
        order_key: t.id,
        scenario: null,
      },
    ]);
    await advance(24 * HOUR - 1);
    expect(events).toHaveLength(1);
    await advance(1);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ at: submittedAt + 24 * HOUR, order_key: t.id });
    expect(events[1]!.payload).toEqual({ ...events[0]!.payload, status: 'APPROVED', whatsapp_template_id: expect.stringMatching(/^[1-9]\d{15}$/) });
  });

  it('DRAFTs publish nothing: a new draft, an edit, or an approved template edited back to DRAFT', async () => {
    const { tenant, events, service, org, advance } = setup();
    const t = service.createTemplate(tenant, org, aTemplate(), false, undefined);
    service.updateTemplate(tenant, org, t.id, { name: 'Renamed' }, false, undefined);
    expect(events).toEqual([]);
    service.updateTemplate(tenant, org, t.id, { submit_for_review: true }, false, undefined);
    await advance(24 * HOUR);
    expect(payloads(events).map((p) => p.status)).toEqual(['PENDING', 'APPROVED']);
    service.updateTemplate(tenant, org, t.id, { definition: { body: { whatsapp: aBody('New text') } } }, false, undefined);
    expect(service.retrieveTemplate(tenant, org, t.id).status).toBe('DRAFT');
    expect(events).toHaveLength(2);
  });

  it('an sms-only submission publishes PENDING then APPROVED at the same instant, with no WhatsApp id', () => {
    const { tenant, events, service, org } = setup();
    service.createTemplate(tenant, org, { ...aChannelTemplate('sms'), submit_for_review: true }, false, undefined);
    expect(payloads(events).map((p) => [p.status, p.whatsapp_template_id])).toEqual([['PENDING', ''], ['APPROVED', '']]);
    expect(events[0]!.at).toBe(events[1]!.at);
  });

  it('a rejection carries its reason; the resubmission publishes PENDING with the reason cleared; the events name the scenario', async () => {
    const { tenant, events, service, org, advance } = setup();
    const scenario = { name: 'template-review-rejected', templates: { review: 'rejected', reason: 'Too promotional' } } as Scenario;
    const t = service.createTemplate(tenant, org, aTemplate({ submit_for_review: true }), false, scenario);
    expect(events.map((e) => [e.payload.status, e.payload.reason, e.scenario])).toEqual([
      ['PENDING', null, 'template-review-rejected'],
      ['REJECTED', 'Too promotional', 'template-review-rejected'],
    ]);
    service.updateTemplate(tenant, org, t.id, { submit_for_review: true }, false, undefined);
    await advance(24 * HOUR);
    expect(events.slice(2).map((e) => [e.payload.template_id, e.payload.status, e.payload.reason, e.scenario])).toEqual([
      [t.id, 'PENDING', null, null],
      [t.id, 'APPROVED', null, null],
    ]);
  });

  it('a profile’s template events carry the profile as account_id', () => {
    const { tenant, events, service } = setup();
    const profile: Account = { id: '770e8400-e29b-41d4-a716-446655440002', profileId: '770e8400-e29b-41d4-a716-446655440002' };
    service.createTemplate(tenant, profile, { ...aChannelTemplate('sms'), submit_for_review: true }, false, undefined);
    expect(events.map((e) => [e.account_id, e.payload.account_id])).toEqual([[profile.id, profile.id], [profile.id, profile.id]]);
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
    const { record, delivered } = reviews.decide(tenant, TEMPLATES.in(tenant).get(t.id)!, 'rejected', 'No', tenant.clock.now(), null);
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
