/**
 * Provider states of webhooks, all through the public API. On a simulator the webhooks point at
 * a closed local port, so the events they are sent never leave the machine; elsewhere at the
 * contract's example URL (or the one the interaction names).
 */
import { STATE_WEBHOOK_URL } from '../constants.js';
import { EXAMPLE, WEBHOOK } from '../fixtures.js';
import type { Target } from '../target.js';
import { NOTHING, type StateContext, type StateDefinition, type StateParams } from './types.js';

export const WEBHOOK_STATE = {
  webhookRegistrable: 'webhooks can be registered at {endpointUrl}',
  webhook: 'a webhook {webhookId} exists',
  webhookInactive: 'a webhook {webhookId} that was turned off',
  webhookDeleted: 'a webhook {webhookId} was deleted',
  webhookTested: 'a webhook {webhookId} that was sent a test event',
  webhookTestedConsent: 'a webhook {webhookId} that was sent a contact.opt_out test event',
  noWebhook: 'no webhook {webhookId} exists',
} as const;

export const WEBHOOK_STATES: Record<(typeof WEBHOOK_STATE)[keyof typeof WEBHOOK_STATE], StateDefinition> = {
  [WEBHOOK_STATE.webhookRegistrable]: {
    setup: (ctx, params) => Promise.resolve({ endpointUrl: endpointUrl(ctx, params) }),
  },
  [WEBHOOK_STATE.webhook]: {
    setup: async (ctx, params) => ({ webhookId: await createWebhook(ctx, params) }),
  },
  [WEBHOOK_STATE.webhookInactive]: {
    setup: async (ctx, params) => {
      const webhookId = await createWebhook(ctx, params);
      await ctx.target.expect(200, 'PATCH', `/v3/webhooks/${webhookId}/toggle-status`, { is_active: false });
      return { webhookId };
    },
  },
  [WEBHOOK_STATE.webhookDeleted]: {
    setup: async (ctx, params) => {
      const webhookId = await createWebhook(ctx, params);
      await ctx.target.expect(204, 'DELETE', `/v3/webhooks/${webhookId}`);
      // Sent deletes webhooks outright (docs/decisions/0015). Only the control plane can look behind the 404.
      if (ctx.simulator) await assertGone(ctx.target, webhookId);
      return { webhookId };
    },
  },
  [WEBHOOK_STATE.webhookTested]: {
    setup: async (ctx, params) => {
      const webhookId = await createWebhook(ctx, params);
      await ctx.target.expect(200, 'POST', `/v3/webhooks/${webhookId}/test`, { event_type: 'message.sent' });
      return { webhookId };
    },
  },
  // A consent event through the public API: Sent's own come from inbound keywords, which only the network sends.
  [WEBHOOK_STATE.webhookTestedConsent]: {
    setup: async (ctx, params) => {
      const webhookId = await createWebhook(ctx, params);
      await ctx.target.expect(200, 'POST', `/v3/webhooks/${webhookId}/test`, { event_type: 'contact.opt_out' });
      return { webhookId };
    },
  },
  [WEBHOOK_STATE.noWebhook]: NOTHING,
};

function endpointUrl({ simulator }: StateContext, params: StateParams): string {
  if (simulator) return STATE_WEBHOOK_URL;
  return typeof params.endpointUrl === 'string' && params.endpointUrl !== '' ? params.endpointUrl : EXAMPLE.endpointUrl;
}

async function createWebhook(ctx: StateContext, params: StateParams): Promise<string> {
  const { id } = await ctx.target.data<{ id?: unknown }>(201, 'POST', '/v3/webhooks', { ...WEBHOOK, endpoint_url: endpointUrl(ctx, params) });
  if (typeof id !== 'string') throw new Error('POST /v3/webhooks answered without data.id');
  return id;
}

async function assertGone(target: Target, webhookId: string): Promise<void> {
  if (await target.storedRecord('webhooks', webhookId)) {
    throw new Error(`the deleted webhook ${webhookId} is still in the store: Sent deletes webhooks outright`);
  }
}
