import type { Target } from '../target.js';

export type StateParams = Record<string, unknown>;
/** Values a state hands to Pact for injection into the request (`${name}` expressions). */
export type Injected = Record<string, string>;

export interface StateContext {
  target: Target;
  /** The target answered `GET /_sim/tenant`: control-plane states can run. */
  simulator: boolean;
}

export interface StateDefinition {
  /** Set when the state needs the simulator's control plane: why the public API cannot do it. */
  controlPlane?: string;
  setup(ctx: StateContext, params: StateParams): Promise<Injected | void>;
}

/** Nothing to set up: the contract's id or value was never handed out. */
export const NOTHING: StateDefinition = { setup: () => Promise.resolve() };

export function text(params: StateParams, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new Error(`state parameter ${name} must be a non-empty string`);
  return value;
}

export function count(params: StateParams, name: string): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`state parameter ${name} must be a whole number`);
  return value;
}
