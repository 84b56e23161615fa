import { randomUUID } from 'node:crypto';
import { MESSAGES } from '../errors/catalog.js';
import { battery, SKIPPED_WITHOUT_VALID, type CheckResult, type Run } from './checks.js';
import { SignedSender } from './deliver.js';
import { FAMILY_NAMES, type FamilyName } from './families.js';

export { FAMILY_NAMES, type FamilyName } from './families.js';
export type { CheckResult, CheckStatus } from './checks.js';
export type { DeliveryOutcome, Signing } from './deliver.js';
export { checkLine, reportHeader, reportSummary, reportText } from './report.js';

/** Options of `checkReceiver` (`sent-sim check-receiver`, `sim.checkReceiver`). */
export interface ReceiverCheckOptions {
  /** The receiver's URL (http or https), as a webhook's `endpoint_url`. */
  url: string;
  /** The webhook's signing secret the receiver verifies with: `whsec_` + base64. */
  secret: string;
  /** Event families to check (default: all of them, `FAMILY_NAMES`). */
  events?: readonly string[];
  /** How long each delivery waits for an answer (default 10,000 ms). */
  timeoutMs?: number;
  /** Deliveries sent at once by the load check (default 20). */
  concurrency?: number;
  /** How fast each of them must be answered (default 5,000 ms). */
  concurrentWithinMs?: number;
  /** Called as each check finishes (the CLI prints progress with it). */
  onCheck?: (result: CheckResult) => void;
}

/** The graded report: `passed` when every must-pass check passed. */
export interface ReceiverCheckReport {
  url: string;
  events: FamilyName[];
  passed: boolean;
  summary: { must_passed: number; must_total: number; failed: number; warnings: number; skipped: number };
  checks: CheckResult[];
}

/** A bad option: one line, naming it (the CLI prints it as its error). */
export class ReceiverCheckUsageError extends Error {
  override name = 'ReceiverCheckUsageError';
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 20;
export const DEFAULT_CONCURRENT_WITHIN_MS = 5_000;
const SECRET_RE = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks a partner's webhook receiver before go-live (docs/guide/receiver-check.md): sends it a
 * battery of deliveries signed exactly as the simulator (and Sent) signs them and grades each
 * answer. Nothing is stored and no simulator is needed; the receiver gets fictional data.
 */
export async function checkReceiver(options: ReceiverCheckOptions): Promise<ReceiverCheckReport> {
  const { url, families } = receiverCheckTarget(options);
  const sender = new SignedSender(url, options.secret);
  const run: Run = {
    sender,
    families,
    context: { accountId: randomUUID(), now: Date.now(), messageId: randomUUID(), requestId: `req_${randomUUID().replace(/-/g, '').slice(0, 10)}` },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    concurrentWithinMs: options.concurrentWithinMs ?? DEFAULT_CONCURRENT_WITHIN_MS,
  };
  const checks: CheckResult[] = [];
  try {
    for (const def of battery(families)) {
      const base = { id: def.id, title: def.title(run), must: def.must };
      let result: CheckResult;
      if (checks.length > 0 && checks[0]!.status !== 'pass') {
        result = { ...base, status: 'skip', reason: SKIPPED_WITHOUT_VALID, deliveries: [] };
      } else {
        const verdict = await def.run(run);
        result = { ...base, status: verdict.ok ? 'pass' : def.must ? 'fail' : 'warn', reason: verdict.reason, deliveries: verdict.deliveries };
      }
      checks.push(result);
      options.onCheck?.(result);
    }
  } finally {
    sender.close();
  }
  const must = checks.filter((c) => c.must);
  const mustPassed = must.filter((c) => c.status === 'pass').length;
  return {
    url,
    events: families,
    passed: mustPassed === must.length,
    summary: {
      must_passed: mustPassed,
      must_total: must.length,
      failed: checks.filter((c) => c.status === 'fail').length,
      warnings: checks.filter((c) => c.status === 'warn').length,
      skipped: checks.filter((c) => c.status === 'skip').length,
    },
    checks,
  };
}

/**
 * The URL and families a check will use; refuses what cannot be checked, before anything is
 * sent: a URL that is not http(s), a malformed secret, an unknown family, a bad number.
 */
export function receiverCheckTarget(options: ReceiverCheckOptions): { url: string; families: FamilyName[] } {
  let parsed: URL | null = null;
  try {
    parsed = new URL(options.url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') throw new ReceiverCheckUsageError(MESSAGES.receiverCheckUrl(options.url));
  if (typeof options.secret !== 'string' || !SECRET_RE.test(options.secret)) throw new ReceiverCheckUsageError(MESSAGES.receiverCheckSecret);
  const names = options.events ?? FAMILY_NAMES;
  const unknown = names.filter((n) => !(FAMILY_NAMES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new ReceiverCheckUsageError(MESSAGES.receiverCheckEvents(unknown, FAMILY_NAMES));
  for (const [name, value] of Object.entries({ timeoutMs: options.timeoutMs, concurrency: options.concurrency, concurrentWithinMs: options.concurrentWithinMs })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new ReceiverCheckUsageError(MESSAGES.receiverCheckNumber(name));
  }
  return { url: parsed.href, families: [...new Set(names)] as FamilyName[] };
}
