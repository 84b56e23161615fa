/**
 * Provider states: the sentences the consumer tests name in `given(...)`, and how to bring each
 * one about, one file per resource family. Handlers work through the public `/v3` API wherever
 * it can express the state, so they set up any implementation. The few that cannot (the clock,
 * the organization's own brand and campaigns, keys of other roles or linked to a user, an empty
 * organization) name why in `controlPlane`; they need the simulator's `/_sim` control plane and
 * are skipped, with that reason, elsewhere.
 *
 * Each handler returns the ids it created; Pact injects them into the request wherever the
 * consumer wrote `fromProviderState('${profileId}', …)`.
 */
import { CHANNEL_STATE, CHANNEL_STATES } from './channels.js';
import { DIRECTORY_STATE, DIRECTORY_STATES } from './directory.js';
import { MESSAGING_STATE, MESSAGING_STATES } from './messaging.js';
import { PROFILE_STATE, PROFILE_STATES } from './profiles.js';
import type { StateDefinition } from './types.js';
import { WEBHOOK_STATE, WEBHOOK_STATES } from './webhooks.js';

const FAMILIES = [PROFILE_STATE, MESSAGING_STATE, WEBHOOK_STATE, DIRECTORY_STATE, CHANNEL_STATE] as const;

export const STATE = { ...PROFILE_STATE, ...MESSAGING_STATE, ...WEBHOOK_STATE, ...DIRECTORY_STATE, ...CHANNEL_STATE } as const;

// One family's key must not shadow another's (a spread keeps the last).
if (Object.keys(STATE).length !== FAMILIES.reduce((n, f) => n + Object.keys(f).length, 0)) throw new Error('two provider-state families share a key');

export type StateName = (typeof STATE)[keyof typeof STATE];

export const STATES: Record<StateName, StateDefinition> = { ...PROFILE_STATES, ...MESSAGING_STATES, ...WEBHOOK_STATES, ...DIRECTORY_STATES, ...CHANNEL_STATES };

export type { Injected, StateContext, StateDefinition, StateParams } from './types.js';
