import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { components } from '../../../src/generated/sent-v3.js';
import type { SentEvent } from '../../../src/events/bus.js';
import type { Deps } from '../../../src/deps.js';
import { aBrand, aCompletingProfile } from '../../support/builders.js';
import { client, testApp, type SimApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

type TemplateDefinition = components['schemas']['TemplateDefinition'];
type TemplateStatus = components['schemas']['TemplateStatus'];

/** A template body with one variable, `name`, on every channel `multiChannel` covers (sms, whatsapp, rcs). */
export const GREETING: TemplateDefinition = {
  body: { multiChannel: { template: 'Hi {{0:variable}}, your order is confirmed.', variables: [{ id: 0, name: 'name' }] } },
};

export interface TemplateOptions {
  name?: string;
  status?: TemplateStatus;
  definition?: TemplateDefinition;
  category?: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  /** The account that owns it (default: the organization). */
  accountId?: string;
  createdAt?: string;
}

/**
 * Puts a template in the tenant in a given review status through `POST /_sim/import` (export,
 * add the record, import): many of a kind, with names and creation times a test chooses. The
 * record has no legs, as an older simulator's snapshot; the import reads them off its status
 * (docs/decisions/0049: a PENDING one has its sms and rcs legs approved, the whatsapp leg
 * pending). Returns the template's id.
 */
export async function importTemplate(app: SimApp, key: string, options: TemplateOptions = {}): Promise<string> {
  const control = sim(app, key);
  const snapshot = await control.export();
  const id = randomUUID();
  const status = options.status ?? 'APPROVED';
  const definition = options.definition ?? GREETING;
  const record = {
    id,
    account_id: options.accountId ?? ((await control.tenant()).organization_id as string),
    name: options.name ?? `order_confirmation_${id.slice(0, 8)}`,
    category: options.category ?? 'UTILITY',
    language: 'en_US',
    status,
    channels: [],
    variables: ['name'],
    is_published: status === 'APPROVED',
    created_at: options.createdAt ?? snapshot.exported_at,
    updated_at: null,
    definition,
    whatsapp_template_id: status === 'APPROVED' ? '1234567890123456' : null,
    reason: status === 'REJECTED' ? 'Rejected in a test' : null,
  };
  (snapshot.collections.templates ??= []).push(record);
  const res = await control.import(snapshot);
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${res.text}`);
  return id;
}

/** Every event the simulator publishes, recorded by a sink on its bus (where webhooks subscribe). */
export function recordEvents(deps: Deps): SentEvent[] {
  const events: SentEvent[] = [];
  deps.events.subscribe((_tenant, event) => void events.push(event));
  return events;
}

/** A fresh simulator, a tenant client and its control plane, and the events it publishes. */
export function messagingApp(options: Parameters<typeof testApp>[0] = {}) {
  const t = testApp(options);
  const c = client(t.app);
  return { ...t, c, control: sim(t.app, c.key), events: recordEvents(t.deps) };
}

/** A profile of the tenant, `approved` through completion (the organization gets a brand and a campaign first). */
export async function approvedProfile(app: SimApp, key: string): Promise<string> {
  const c = client(app, key);
  const control = sim(app, key);
  expect((await control.patchTenant({ brand: aBrand(), campaigns: 1 })).status).toBe(200);
  const profile = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
  expect((await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
  await control.advance(2);
  expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.status).toBe('approved');
  return profile.id as string;
}

/** The statuses of a message's `message.*` events, in publication order. */
export function statusesOf(events: SentEvent[], messageId: string): string[] {
  return events.filter((e) => e.payload.message_id === messageId).map((e) => e.name);
}

/** The contact the tenant view shows for a number (contacts are also read through `GET /_sim/tenant`). */
export async function contactOf(app: SimApp, key: string, e164: string): Promise<Record<string, unknown> | undefined> {
  const view = await sim(app, key).tenant();
  return (view.contacts as Array<Record<string, unknown>>).find((c) => c.format_e164 === e164);
}
