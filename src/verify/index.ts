/**
 * Contract verification of any implementation of Sent's v3 API (`sent-sim verify`):
 *   runVerify   — verifies the pact files in `contracts/` against a running implementation;
 *   runDeliveryChecks — what Pact cannot express: the webhook deliveries a target sends;
 *   report      — the readable pass/fail/skip report of a run;
 *   STATE(S)    — the provider states, shared with the Pact provider test;
 *   createSession — state handlers, request filter and beforeEach for a plain Pact `Verifier`.
 */
export { CHECK, runDeliveryChecks, type CheckName, type CheckResult, type DeliveryCheckOptions } from './delivery-checks.js';
export { runVerify, type InteractionResult, type RunVerifyOptions, type VerifyOutcome } from './run-verify.js';
export { report } from './report.js';
export { STATE, STATES, type StateDefinition, type StateName } from './states/index.js';
export { createSession, type VerificationSession } from './session.js';
export { Target } from './target.js';
export { CONSUMER, DEFAULT_PACT_DIR, PLACEHOLDER_API_KEY, PROVIDER } from './constants.js';
