import type { VerifierOptions } from '@pact-foundation/pact';
import type { RequestHandler } from 'express';
import { PLACEHOLDER_API_KEY } from './constants.js';
import { STATES, type Injected, type StateContext, type StateName, type StateParams } from './states/index.js';
import type { Target } from './target.js';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

/** The Pact path of the state-change calls (`Verifier`'s own proxy). */
const STATE_SETUP_PATH = '/_pactSetup';

export interface StateFailure {
  state: string;
  reason: string;
}

/**
 * What the Pact `Verifier` needs to verify the contracts against one target: the state
 * handlers, a request filter that puts the real API key in place of the contract's placeholder,
 * and a `beforeEach` that starts every interaction from the organization verification began with.
 *
 * A state that cannot be set up must fail its interaction, never pass it with the contract's
 * example ids (Pact itself only logs a failing handler). So a failure is remembered, and the
 * interaction's request is answered here with a `500` naming it instead of being sent on.
 */
export interface VerificationSession {
  stateHandlers: StateHandlers;
  requestFilter: RequestHandler;
  beforeEach: () => Promise<void>;
  /** Every state failure so far, in order. */
  readonly failures: StateFailure[];
}

export function createSession(target: Target, simulator: boolean): VerificationSession {
  const failures: StateFailure[] = [];
  let pending: StateFailure | null = null;
  const ctx: StateContext = { target, simulator };

  const stateHandlers: StateHandlers = {};
  for (const [name, definition] of Object.entries(STATES) as Array<[StateName, (typeof STATES)[StateName]]>) {
    // Setup only: Pact calls teardown too, and a plain function ignores it.
    stateHandlers[name] = async (params?: unknown): Promise<Injected | undefined> => {
      try {
        if (definition.controlPlane && !simulator) throw new Error(`needs the simulator control plane: ${definition.controlPlane}`);
        return (await definition.setup(ctx, asParams(params))) ?? undefined;
      } catch (err) {
        const failure = { state: name, reason: err instanceof Error ? err.message : String(err) };
        failures.push(failure);
        pending ??= failure;
        return undefined;
      }
    };
  }

  const requestFilter: RequestHandler = (req, res, next) => {
    if (req.path === STATE_SETUP_PATH) return next();
    if (pending) {
      const failure = pending;
      pending = null;
      res.status(500).json({ verification: 'provider state could not be set up', ...failure });
      return;
    }
    if (req.headers['x-api-key'] === PLACEHOLDER_API_KEY) req.headers['x-api-key'] = target.apiKey;
    next();
  };

  const beforeEach = (): Promise<void> => {
    pending = null;
    target.reset();
    return Promise.resolve();
  };

  return { stateHandlers, requestFilter, beforeEach, failures };
}

function asParams(params: unknown): StateParams {
  return typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as StateParams) : {};
}
