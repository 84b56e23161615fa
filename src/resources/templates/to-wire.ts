import type { components } from '../../generated/sent-v3.js';
import type { TemplateRecord } from './collection.js';

/** Stored template → the wire's `Template`: v3 returns no definition, account, Meta id or reason. */
export function templateToWire(t: TemplateRecord): components['schemas']['Template'] {
  return {
    id: t.id,
    name: t.name,
    category: t.category,
    language: t.language,
    status: t.status,
    channels: t.channels,
    variables: t.variables,
    is_published: t.is_published,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}
