import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGES } from '../errors/catalog.js';
import { DEFAULT_PACT_DIR, PROVIDER } from './constants.js';
import { describeStates, loadPactFiles, writeSingleInteraction, type PactInteraction } from './pact-files.js';
import { parseVerifierOutcome } from './outcome.js';
import { runDeliveryChecks, type CheckResult, type DeliveryCheckOptions } from './delivery-checks.js';
import { createSession, type VerificationSession } from './session.js';
import { STATES, type StateName } from './states/index.js';
import { Target } from './target.js';

export interface RunVerifyOptions {
  /** The implementation under test, e.g. `http://127.0.0.1:4010`. */
  providerBaseUrl: string;
  /** An organization key with the owner or admin role; it replaces the contracts' placeholder key. */
  apiKey: string;
  /** Where the pact files are (default: the package's `contracts/`). */
  pactDir?: string;
  /** Called with one line per interaction as it is verified. */
  log?: (line: string) => void;
  /** For a simulator started with `--admin-token`. */
  adminToken?: string;
  /**
   * The delivery checks after the interactions (delivery-checks.ts): on by default against a
   * simulator; against anything else only with `receiver.publicUrl`.
   */
  deliveryChecks?: DeliveryCheckOptions;
  /** Called with one line per delivery check as it finishes. */
  logCheck?: (line: string) => void;
}

export type { CheckResult } from './delivery-checks.js';
export type InteractionStatus = 'passed' | 'failed' | 'skipped';

export interface InteractionResult {
  interaction: string;
  state: string;
  status: InteractionStatus;
  reason?: string;
}

export interface VerifyOutcome {
  /** True when nothing failed and at least one interaction was verified; skips do not fail. */
  passed: boolean;
  results: InteractionResult[];
  /** What Pact cannot express: the webhook deliveries (signed, in order, schema-valid). */
  checks: CheckResult[];
  /** Whether the target offered the simulator's control plane, and how that was found out. */
  controlPlane: { available: boolean; detail: string };
}

/**
 * Verifies the contracts against any running implementation of Sent's v3 API. A simulator (its
 * `/_sim` control plane answers) gets every interaction; any other implementation gets those
 * whose states the public API can set up, and the rest are reported as skipped, with the reason.
 * Each interaction is verified on its own (a one-interaction copy of its pact file), so every
 * result, and every state that could not be set up, belongs to exactly one interaction.
 */
export async function runVerify(options: RunVerifyOptions): Promise<VerifyOutcome> {
  const { Verifier } = await loadPact();
  const target = new Target({ baseUrl: options.providerBaseUrl, apiKey: options.apiKey, adminToken: options.adminToken });
  const probe = await target.probeControlPlane();
  if (!probe.reachable) throw new Error(`cannot reach ${target.baseUrl}: ${probe.detail}`);
  const controlPlane = { available: probe.available, detail: probe.detail };
  const session = createSession(target, controlPlane.available);
  const files = loadPactFiles(options.pactDir ?? DEFAULT_PACT_DIR);
  if (files.every((f) => f.pact.interactions.length === 0)) throw new Error(`no interactions in the pact files of ${options.pactDir ?? DEFAULT_PACT_DIR}`);

  const results: InteractionResult[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'sent-sim-verify-'));
  try {
    for (const file of files) {
      for (const [index, interaction] of file.pact.interactions.entries()) {
        const base = { interaction: interaction.description, state: describeStates(interaction.providerStates) };
        const blocked = precondition(interaction, controlPlane);
        let result: InteractionResult;
        if (blocked) {
          result = { ...base, ...blocked };
        } else {
          const path = writeSingleInteraction(tmp, file, index);
          result = { ...base, ...(await verifyOne(Verifier, session, target, path)) };
        }
        results.push(result);
        options.log?.(line(result));
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const checks = await runDeliveryChecks(target, controlPlane.available, options.deliveryChecks, (r) => (options.logCheck ?? options.log)?.(checkLine(r)));
  const passed = results.some((r) => r.status === 'passed') && results.every((r) => r.status !== 'failed') && checks.every((c) => c.status !== 'failed');
  return { passed, results, checks, controlPlane };
}

/** Interactions that cannot run here: a state nobody handles, or one that needs the control plane. */
function precondition(
  interaction: PactInteraction,
  controlPlane: { available: boolean; detail: string },
): Pick<InteractionResult, 'status' | 'reason'> | null {
  for (const { name } of interaction.providerStates ?? []) {
    const definition = STATES[name as StateName] as (typeof STATES)[StateName] | undefined;
    if (!definition) return { status: 'failed', reason: `no handler for the provider state "${name}"` };
    if (definition.controlPlane && !controlPlane.available) {
      return { status: 'skipped', reason: `"${name}" needs the simulator control plane (${definition.controlPlane}); ${controlPlane.detail}` };
    }
  }
  return null;
}

type VerifierClass = typeof import('@pact-foundation/pact').Verifier;

async function verifyOne(
  Verifier: VerifierClass,
  session: VerificationSession,
  target: Target,
  pactFile: string,
): Promise<Pick<InteractionResult, 'status' | 'reason'>> {
  const before = session.failures.length;
  let outcome: { ok: boolean; reason?: string };
  try {
    const output = await new Verifier({
      provider: PROVIDER,
      providerBaseUrl: target.baseUrl,
      pactUrls: [pactFile],
      stateHandlers: session.stateHandlers,
      requestFilter: session.requestFilter,
      beforeEach: session.beforeEach,
      logLevel: 'error',
    }).verifyProvider();
    outcome = parseVerifierOutcome(output);
  } catch (err) {
    outcome = parseVerifierOutcome(err instanceof Error ? err.message : String(err), true);
  }
  const stateFailure = session.failures.slice(before)[0];
  if (stateFailure) return { status: 'failed', reason: `provider state "${stateFailure.state}": ${stateFailure.reason}` };
  return outcome.ok ? { status: 'passed' } : { status: 'failed', reason: outcome.reason ?? 'verification failed' };
}

function line(r: InteractionResult): string {
  const mark = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP';
  return `${mark} ${r.interaction}${r.reason ? ` — ${r.reason}` : ''}`;
}

function checkLine(r: CheckResult): string {
  return `${r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP'} check: ${r.check}${r.reason ? ` — ${r.reason}` : ''}`;
}

/**
 * Pact is an optional peer dependency (docs/decisions/0038): only `sent-sim verify` needs it, so
 * embedding the simulator installs no native binary. Missing, it is named with the install line.
 */
async function loadPact(): Promise<typeof import('@pact-foundation/pact')> {
  try {
    return await import('@pact-foundation/pact');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes("'@pact-foundation/pact'");
    throw new Error(missing ? MESSAGES.pactMissing : MESSAGES.pactUnusable(err instanceof Error ? err.message : String(err)));
  }
}
