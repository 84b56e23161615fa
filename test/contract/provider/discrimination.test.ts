import { describe, expect, it } from 'vitest';
import { DEFAULT_PACT_DIR } from '../../../src/verify/constants.js';
import { loadPactFiles, type PactInteraction } from '../../../src/verify/pact-files.js';
import { CHECK, type CheckName } from '../../../src/verify/delivery-checks.js';
import { report } from '../../../src/verify/report.js';
import { runVerify, type VerifyOutcome } from '../../../src/verify/run-verify.js';
import { STATE } from './states.js';
import { freshTenantKey, listen, simulatorDeps } from './support.js';
import { VARIANTS } from './variants.js';

/**
 * The contracts discriminate: verified against implementations that diverge from Sent in one
 * behaviour each, verification fails, and it fails exactly the interactions that describe that
 * behaviour (plus, where a provider state needs the broken behaviour, the interactions that
 * depend on it), naming them.
 */
const interactions = loadPactFiles(DEFAULT_PACT_DIR).flatMap((f) => f.pact.interactions);
const where = (test: (i: PactInteraction) => boolean) => interactions.filter(test).map((i) => i.description);
const given = (state: string) => where((i) => (i.providerStates ?? []).some((s) => s.name === state));
const response = (i: PactInteraction) => i.response as { status: number; body?: { content?: { error?: { code?: string } } } };

const EXPECTED_FAILURES: Record<string, string[]> = {
  'hard delete': given(STATE.deleted),
  'hard delete, idempotent DELETE, no control plane': ['a request to delete a profile that was already deleted'],
  'no brand lock': ['a request to change the brand of a profile whose brand was submitted to TCR'],
  // The two states that run completion themselves cannot be set up either.
  'completion answers 200': [
    'a request to complete a profile that meets every prerequisite',
    ...given(STATE.brandSubmitted),
    ...given(STATE.completed),
  ],
  'payment details with organization billing': ['a request to create a profile with payment details and organization billing'],
  'error envelope without meta': where((i) => response(i).status >= 400),
  'generic not-found code': where((i) => response(i).body?.content?.error?.code === 'RESOURCE_014'),
  // Pact cannot see what is (not) sent to a webhook: only the delivery checks catch these four.
  'no message.delivered event': [],
  'signs with the wrong key': [],
  'no X-Webhook-Event-ID': [],
  'request_id always null': [],
  'signing secret on every read': ['a request to list the webhooks', 'a request to retrieve a webhook'],
  // The state looks behind the 404 (the control plane) and finds the webhook still stored.
  'soft webhook delete': given(STATE.webhookDeleted),
  // The states that send a message cannot be set up either.
  'send answers 200': [
    'a request to send a text message',
    'a request to send a message with a template',
    'a request to send a message an hour from now',
    'a request to send an MMS with an attachment',
    ...given(STATE.messageSent),
    ...given(STATE.messageDelivered),
    ...given(STATE.messageScheduled),
    ...given(STATE.contactMessaged),
  ],
  'cancel refusal as 400': ['a request to cancel a message that was delivered'],
  'contacts oldest first': ['a request to list the contacts of an account that has two', 'a request to list contacts without page or page_size'],
  'page params required': ['a request to list contacts without page or page_size', 'a request to list the templates without page or page_size'],
  // Answered as the organization, the profile's own lists hold every account's contacts too.
  'profiles see the organization contacts': [
    'a request from a profile to find a number only its organization has',
    'a request to list contacts without page or page_size',
    'a request to list the contacts of an account that has two',
  ],
  // Every answer but a 429 (the contracts have none) loses the headers.
  'rate-limit headers on 429 only': where((i) => response(i).status !== 429),
  'profiles inherit the organization WABA': ['a request to create a profile with its own brand', 'a request to create a profile that asks to inherit contacts and share templates'],
  'submitted completion pending review': ['a request to retrieve a profile whose completion submitted its brand to TCR'],
  'any template body strategy': ['a request to create a template with an sms body alone', 'a request to create a template that breaks several content rules'],
  'templates under review editable': ['a request to change the definition of a template under review', 'a request to resubmit a template under review'],
  // The consent-event state sends a contact.opt_out test event, which this variant refuses.
  'families only': ['a request to list the webhook event types', 'a request to register a webhook for sub-types and a family', ...given(STATE.webhookTestedConsent)],
  'sender profile without its key': ['a request to create a sender profile'],
  'messages need no sender': ['a request to send an SMS to a country the account holds no sender for'],
};

/** The delivery checks each variant fails (none for the rest: Pact's business, or no receiver). */
const EXPECTED_CHECK_FAILURES: Partial<Record<string, CheckName[]>> = {
  'no message.delivered event': [CHECK.lifecycle],
  'signs with the wrong key': [CHECK.signed, CHECK.rotated],
  'signing secret on every read': [CHECK.secretOnce],
  'no X-Webhook-Event-ID': [CHECK.eventId],
  'request_id always null': [CHECK.requestId],
};

/** Each variant is verified once; the "says why" test reads the same outcomes. */
const outcomes = new Map<string, Promise<VerifyOutcome>>();

function verifyVariant(name: string): Promise<VerifyOutcome> {
  let outcome = outcomes.get(name);
  if (!outcome) outcomes.set(name, (outcome = runVariant(name)));
  return outcome;
}

async function runVariant(name: string): Promise<VerifyOutcome> {
  const variant = VARIANTS.find((v) => v.name === name)!;
  const deps = simulatorDeps();
  const running = await listen(deps, (inner) => variant.build(deps, inner));
  try {
    return await runVerify({ providerBaseUrl: running.url, apiKey: freshTenantKey() });
  } finally {
    await running.close();
  }
}

describe('the contracts catch implementations that diverge from Sent', () => {
  it('covers every variant', () => {
    expect(Object.keys(EXPECTED_FAILURES).sort()).toEqual(VARIANTS.map((v) => v.name).sort());
    // Every variant is caught by something: an interaction, a delivery check, or both.
    for (const name of Object.keys(EXPECTED_FAILURES)) expect(EXPECTED_FAILURES[name]!.length + (EXPECTED_CHECK_FAILURES[name]?.length ?? 0)).toBeGreaterThan(0);
  });

  for (const variant of VARIANTS) {
    it(`fails "${variant.name}" (${variant.divergence}), naming the broken interactions`, async () => {
      const outcome = await verifyVariant(variant.name);
      const failed = outcome.results.filter((r) => r.status === 'failed');
      const failedChecks = outcome.checks.filter((c) => c.status === 'failed').map((c) => c.check);
      const expectedChecks = EXPECTED_CHECK_FAILURES[variant.name] ?? [];
      if (failed.map((r) => r.interaction).sort().join('\n') !== [...EXPECTED_FAILURES[variant.name]!].sort().join('\n') || failedChecks.join('\n') !== expectedChecks.join('\n')) {
        console.log(`variant "${variant.name}":\n${report(outcome)}`);
      }
      expect(outcome.passed).toBe(false);
      expect(failed.map((r) => r.interaction).sort()).toEqual([...EXPECTED_FAILURES[variant.name]!].sort());
      expect(failedChecks).toEqual(expectedChecks);
      for (const r of [...failed, ...outcome.checks.filter((c) => c.status === 'failed')]) expect(r.reason).toBeTruthy();
      expect(report(outcome)).toMatch(/— FAILED$/);
    });
  }

  it('says why: the reasons point at the divergence', async () => {
    const hard = await verifyVariant('hard delete');
    expect(hard.results.find((r) => r.status === 'failed')?.reason).toMatch(/gone from the store: Sent soft-deletes profiles/);
    const idempotent = await verifyVariant('hard delete, idempotent DELETE, no control plane');
    expect(idempotent.results.find((r) => r.status === 'failed')?.reason).toMatch(/expected 404 but was 204/i);
    expect(idempotent.results.filter((r) => r.status === 'skipped').length).toBeGreaterThan(0);
    const undelivered = await verifyVariant('no message.delivered event');
    expect(undelivered.checks.find((c) => c.check === CHECK.lifecycle)?.reason).toMatch(/^message\.delivered never arrived .*\(arrived: message\.queued, message\.routed, message\.sent\)$/);
    const wrongKey = await verifyVariant('signs with the wrong key');
    expect(wrongKey.checks.find((c) => c.check === CHECK.signed)?.reason).toMatch(/do not verify with the secret of the create answer/);
    const noIds = await verifyVariant('no X-Webhook-Event-ID');
    expect(noIds.checks.find((c) => c.check === CHECK.eventId)?.reason).toMatch(/^4 of 4 deliveries have no X-Webhook-Event-ID that is a UUID: message\.queued \(null\)/);
    const noRequest = await verifyVariant('request_id always null');
    expect(noRequest.checks.find((c) => c.check === CHECK.requestId)?.reason).toMatch(/^4 of 4 events do not carry the send's request id req_[A-Za-z0-9]{10}: message\.queued: null/);
    const soft = await verifyVariant('soft webhook delete');
    expect(soft.results.find((r) => r.status === 'failed')?.reason).toMatch(/is still in the store: Sent deletes webhooks outright/);
  });
});
