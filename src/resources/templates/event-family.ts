import type { EventFamily } from '../../events/families.js';

/**
 * The `templates` family (docs/decisions/0016, 0017): one event, `templates`, for each review
 * status a template reaches (review.ts); a template's events are ordered by its id.
 */
export const TEMPLATES_FAMILY: EventFamily = {
  name: 'templates',
  display_name: 'Templates',
  description: 'Template review results',
  sub_types: [],
  // The shape of rest §10.2.
  samplePayload: (_name, accountId, _at, random) => ({
    account_id: accountId,
    template_id: random.uuid(),
    template_name: 'Order Confirmation',
    whatsapp_template_id: '1234567890123456',
    status: 'APPROVED',
    language: 'en_US',
    category: 'UTILITY',
    channel: 'whatsapp',
    reason: null,
  }),
  orderKey: (payload) => (typeof payload.template_id === 'string' ? payload.template_id : null),
};
