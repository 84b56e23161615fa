import { fileURLToPath } from 'node:url';

/** The two sides of the contract, as the pact file names them. */
export const CONSUMER = 'sent-partner-integration';
export const PROVIDER = 'sent-api-v3';

/**
 * The API key the contracts carry. Verification swaps it for the key it was given (a request
 * filter), so the pact files never hold a real key. Interactions about other keys (unknown,
 * developer role) carry those instead and are left alone.
 */
export const PLACEHOLDER_API_KEY = 'sk_test_contract_placeholder';

/**
 * Where the committed pact files live: `contracts/` at the package root. Resolved from this
 * module, so it is the same directory from `src/verify/` (tests) and `dist/verify/` (the CLI).
 */
export const DEFAULT_PACT_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));

/**
 * The callback URL the states give completion when they run it themselves: a closed local port,
 * so the simulator's one delivery attempt fails at once and nothing leaves the machine.
 */
export const STATE_CALLBACK_URL = 'http://127.0.0.1:9/sent-contract-verification';

/** Where the states register webhooks on a simulator: the same closed local port, for the same reason. */
export const STATE_WEBHOOK_URL = 'http://127.0.0.1:9/sent-contract-webhook';
