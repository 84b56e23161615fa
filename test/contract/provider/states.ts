/**
 * The provider states, for the provider tests. They live in `src/verify/` because
 * `sent-sim verify` needs the very same handlers; this module only re-exports them.
 */
export { STATE, STATES, type StateDefinition, type StateName } from '../../../src/verify/states/index.js';
export { createSession, type VerificationSession } from '../../../src/verify/session.js';
