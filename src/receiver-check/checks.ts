import { randomUUID } from 'node:crypto';
import { accepted, describeAnswer, refused, type DeliveryOutcome, type SignedSender } from './deliver.js';
import { FAMILIES, sampleLabel, unknownFamilyEvent, unknownSubTypeEvent, type FamilyName, type SampleContext, type SampleEvent } from './families.js';

/** `pass`; `fail` (a must-pass check failed); `warn` (an advisory one did); `skip` (not judged). */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: string;
  title: string;
  /** Must pass for the receiver to be ready (and the CLI to exit 0); advisory otherwise. */
  must: boolean;
  status: CheckStatus;
  /** One line: what the receiver answered, and what was expected when that was not it. */
  reason: string;
  deliveries: DeliveryOutcome[];
}

/** Signed this long ago (or ahead): twice Standard Webhooks' five-minute tolerance, clear of clock skew. */
export const STALE_SECONDS = 600;

/** What the checks of one run share. */
export interface Run {
  sender: SignedSender;
  families: FamilyName[];
  context: SampleContext;
  timeoutMs: number;
  concurrency: number;
  concurrentWithinMs: number;
}

interface Verdict {
  ok: boolean;
  reason: string;
  deliveries: DeliveryOutcome[];
}

export interface CheckDef {
  id: string;
  title: (run: Run) => string;
  must: boolean;
  run: (run: Run) => Promise<Verdict>;
}

/** The first event of the first family checked: the one the signature checks send. */
function primary(run: Run): SampleEvent {
  return FAMILIES[run.families[0]!](run.context)[0]!;
}

const send = (run: Run, sample: SampleEvent, options: Parameters<SignedSender['send']>[1] = { timeoutMs: run.timeoutMs }) => run.sender.send(sample, options);

/** Every delivery answered 2xx (in time): the reason names the first that did not. */
function allAccepted(deliveries: DeliveryOutcome[], expectation: string): Verdict {
  const bad = deliveries.find((d) => !accepted(d));
  if (!bad) return { ok: true, reason: deliveries.length === 1 ? describeAnswer(deliveries[0]!) : `${deliveries.length} × 2xx, slowest ${Math.max(...deliveries.map((d) => d.ms))} ms`, deliveries };
  return { ok: false, reason: `${bad.event}: ${describeAnswer(bad)}; ${expectation}`, deliveries };
}

/** The one delivery was refused with a 4xx. */
function wasRefused(d: DeliveryOutcome, why: string): Verdict {
  if (refused(d)) return { ok: true, reason: describeAnswer(d), deliveries: [d] };
  const answered = accepted(d) ? `accepted it (${describeAnswer(d)})` : d.status_code !== null ? `answered ${describeAnswer(d)}` : describeAnswer(d);
  return { ok: false, reason: `${answered}; ${why}`, deliveries: [d] };
}

const RETRIED = 'Sent counts anything else as a failure, retries it, and turns the webhook off after 10 failed events in a row';

/** One check per family checked: its whole sample lifecycle, in order. */
function familyCheck(family: FamilyName): CheckDef {
  return {
    id: `family_${family}`,
    must: true,
    title: (run) => `handles the ${family} family (${FAMILIES[family](run.context).map(sampleLabel).join(', ')}; 2xx)`,
    run: async (run) => {
      const deliveries: DeliveryOutcome[] = [];
      for (const sample of FAMILIES[family](run.context)) deliveries.push(await send(run, sample));
      return allAccepted(deliveries, `acknowledge every ${family} event you subscribe to`);
    },
  };
}

/**
 * The battery, in the order it runs: a valid event first (nothing else can be judged without
 * it), then the signature checks, what Sent's delivery does to a receiver (duplicates, order,
 * every family checked, families to come), and last the load check.
 */
export function battery(families: readonly FamilyName[]): CheckDef[] {
  const [first, ...rest] = CHECKS;
  const familyChecks = families.map(familyCheck);
  const at = rest.findIndex((c) => c.id === 'unknown_family');
  return [first!, ...rest.slice(0, at), ...familyChecks, ...rest.slice(at)];
}

const CHECKS: readonly CheckDef[] = [
  {
    id: 'valid_event',
    must: true,
    title: (run) => `accepts a valid signed event (2xx within ${run.timeoutMs / 1000} s)`,
    run: async (run) => allAccepted([await send(run, primary(run))], 'a delivery signed with the webhook’s secret must be acknowledged with a 2xx'),
  },
  {
    id: 'bad_signature',
    must: true,
    title: () => 'rejects a bad signature (4xx)',
    run: async (run) => wasRefused(await send(run, primary(run), { signing: 'wrong_secret', timeoutMs: run.timeoutMs }), 'a signature made with another secret must be refused with a 4xx: anyone could post it'),
  },
  {
    id: 'stale_timestamp',
    must: true,
    title: () => `rejects a stale timestamp (signed ${STALE_SECONDS / 60} minutes ago; 4xx)`,
    run: async (run) => wasRefused(await send(run, primary(run), { ageSeconds: STALE_SECONDS, timeoutMs: run.timeoutMs }), 'a timestamp more than 5 minutes old must be refused (a replayed delivery)'),
  },
  {
    id: 'missing_signature',
    must: true,
    title: () => 'rejects a delivery without x-webhook-signature (4xx)',
    run: async (run) => wasRefused(await send(run, primary(run), { signing: 'missing', timeoutMs: run.timeoutMs }), 'an unsigned delivery must be refused with a 4xx'),
  },
  {
    id: 'duplicate_event_id',
    must: true,
    title: () => 'tolerates a duplicate X-Webhook-Event-ID (2xx both times)',
    run: async (run) => {
      const sample = primary(run);
      const eventId = randomUUID();
      const first = await send(run, sample, { eventId, timeoutMs: run.timeoutMs });
      const again = await send(run, sample, { eventId, timeoutMs: run.timeoutMs });
      return allAccepted([first, again], `Sent may deliver one event twice; acknowledge the copy with a 2xx and deduplicate on X-Webhook-Event-ID (${RETRIED})`);
    },
  },
  {
    id: 'out_of_order',
    must: true,
    title: (run) => `tolerates out-of-order events (${run.families[0]} lifecycle newest first; 2xx)`,
    run: async (run) => {
      const deliveries: DeliveryOutcome[] = [];
      for (const sample of FAMILIES[run.families[0]!](run.context).reverse()) deliveries.push(await send(run, sample));
      return allAccepted(deliveries, 'events can arrive in any order; compare timestamps instead of refusing');
    },
  },
  {
    id: 'unknown_family',
    must: true,
    title: () => 'acknowledges an event family it does not know (2xx)',
    run: async (run) =>
      allAccepted([await send(run, unknownFamilyEvent(run.context))], 'Sent’s docs ask receivers to treat the family list as open and acknowledge what they do not handle'),
  },
  {
    id: 'unknown_sub_type',
    must: false,
    title: () => 'acknowledges an unknown event of a family it knows (2xx)',
    run: async (run) => allAccepted([await send(run, unknownSubTypeEvent(primary(run)))], 'Sent adds sub-types (message.cancelled was one); acknowledge what you do not handle'),
  },
  {
    id: 'future_timestamp',
    must: false,
    title: () => `rejects a timestamp ${STALE_SECONDS / 60} minutes in the future (4xx)`,
    run: async (run) => wasRefused(await send(run, primary(run), { ageSeconds: -STALE_SECONDS, timeoutMs: run.timeoutMs }), 'Standard Webhooks refuses timestamps more than 5 minutes ahead too'),
  },
  {
    id: 'concurrent_deliveries',
    must: true,
    title: (run) => `answers ${run.concurrency} concurrent deliveries within ${run.concurrentWithinMs / 1000} s each (2xx)`,
    run: async (run) => {
      const pool = run.families.flatMap((f) => FAMILIES[f](run.context));
      const deliveries = await Promise.all(
        Array.from({ length: run.concurrency }, (_, i) => send(run, pool[i % pool.length]!, { timeoutMs: run.concurrentWithinMs })),
      );
      const late = deliveries.filter((d) => !accepted(d)).length;
      return allAccepted(deliveries, `${late} of ${run.concurrency} were not acknowledged in time; acknowledge first and do the work after (a queue)`);
    },
  },
];

/** What the checks after a failed valid event are marked (nothing can be judged without one). */
export const SKIPPED_WITHOUT_VALID = 'skipped: the receiver did not accept a valid signed event (check the URL, and that it verifies with this secret)';
