import type { components } from '../../generated/sent-v3.js';
import type { TemplateRecord } from './collection.js';

/**
 * Stored template → the wire's `Template`: v3 returns no definition, Meta id, reason or legs.
 * `customer_id` is the owning account; `auto_reply_action` is omitted for an ordinary template
 * (Sent: "its presence is the answer to 'is this an auto-reply'").
 */
export function templateToWire(t: TemplateRecord): components['schemas']['Template'] {
  return {
    id: t.id,
    customer_id: t.account_id,
    name: t.name,
    category: t.category,
    language: t.language,
    status: t.status,
    channels: t.channels,
    variables: t.variables,
    is_published: t.is_published,
    created_at: t.created_at,
    updated_at: t.updated_at,
    ...(t.auto_reply_action ? { auto_reply_action: t.auto_reply_action } : {}),
  };
}
