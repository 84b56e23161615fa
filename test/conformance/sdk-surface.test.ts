import SentDm, { APIError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { tenantKey, testApp } from '../support/app.js';
import { serveForFile } from '../support/listen.js';

// Every method of the official SDK, against the simulator (issue 14: all 40 are simulated).
const { app } = testApp();
const served = serveForFile(app);

const UNKNOWN = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';
type Call = (sent: SentDm) => Promise<unknown>;

/**
 * One call per SDK method, with arguments that reach the operation (ids that exist nowhere,
 * valid bodies). Not-found answers are fine here; what is not fine is the answer of an
 * operation the simulator does not have: `404 RESOURCE_013` or `501` "not simulated yet".
 */
const CALLS: Record<string, Call> = {
  'profiles.create': (s) => s.profiles.create({ name: 'Surface' }),
  'profiles.retrieve': (s) => s.profiles.retrieve(UNKNOWN),
  'profiles.update': (s) => s.profiles.update(UNKNOWN, { name: 'x' }),
  'profiles.list': (s) => s.profiles.list(),
  'profiles.delete': (s) => s.profiles.delete(UNKNOWN, {}),
  'profiles.complete': (s) => s.profiles.complete(UNKNOWN, { webHookUrl: 'http://127.0.0.1:9/hook' }),
  'profiles.campaigns.create': (s) => s.profiles.campaigns.create(UNKNOWN, { campaign: { name: 'c', description: 'd', type: 'App', useCases: [] } }),
  'profiles.campaigns.update': (s) => s.profiles.campaigns.update(UNKNOWN, { profileId: UNKNOWN, campaign: { name: 'c', description: 'd', type: 'App', useCases: [] } }),
  'profiles.campaigns.list': (s) => s.profiles.campaigns.list(UNKNOWN),
  'profiles.campaigns.delete': (s) => s.profiles.campaigns.delete(UNKNOWN, { profileId: UNKNOWN }),
  'messages.send': (s) => s.messages.send({ to: ['+14155550100'], text: 'hello', channel: ['sms'] }),
  'messages.retrieveStatus': (s) => s.messages.retrieveStatus(UNKNOWN),
  'messages.retrieveActivities': (s) => s.messages.retrieveActivities(UNKNOWN),
  'templates.create': (s) => s.templates.create({ definition: { body: { multiChannel: { template: 'Hello from the surface test' } } } }),
  'templates.retrieve': (s) => s.templates.retrieve(UNKNOWN),
  'templates.update': (s) => s.templates.update(UNKNOWN, { name: 'x' }),
  'templates.list': (s) => s.templates.list({ page: 1, page_size: 10 }),
  'templates.delete': (s) => s.templates.delete(UNKNOWN, {}),
  'contacts.create': (s) => s.contacts.create({ phone_number: '+14155550111' }),
  'contacts.retrieve': (s) => s.contacts.retrieve(UNKNOWN),
  'contacts.update': (s) => s.contacts.update(UNKNOWN, { opt_out: true }),
  'contacts.list': (s) => s.contacts.list({ page: 1, page_size: 10 }),
  'contacts.delete': (s) => s.contacts.delete(UNKNOWN, {}),
  'webhooks.create': (s) => s.webhooks.create({ display_name: 'w', endpoint_url: 'http://127.0.0.1:9/hook', event_types: ['message'] }),
  'webhooks.retrieve': (s) => s.webhooks.retrieve(UNKNOWN),
  'webhooks.update': (s) => s.webhooks.update(UNKNOWN, { display_name: 'w', endpoint_url: 'http://127.0.0.1:9/hook' }),
  'webhooks.list': (s) => s.webhooks.list({ page: 1, page_size: 10 }),
  'webhooks.delete': (s) => s.webhooks.delete(UNKNOWN),
  'webhooks.listEventTypes': (s) => s.webhooks.listEventTypes(),
  'webhooks.listEvents': (s) => s.webhooks.listEvents(UNKNOWN, { page: 1, page_size: 10 }),
  'webhooks.rotateSecret': (s) => s.webhooks.rotateSecret(UNKNOWN, {}),
  'webhooks.test': (s) => s.webhooks.test(UNKNOWN, { event_type: 'message.sent' }),
  'webhooks.toggleStatus': (s) => s.webhooks.toggleStatus(UNKNOWN, { is_active: true }),
  'users.list': (s) => s.users.list(),
  'users.retrieve': (s) => s.users.retrieve('no-such-user'),
  'users.invite': (s) => s.users.invite({ email: 'surface@example.com', name: 'Surface', role: 'developer' }),
  'users.updateRole': (s) => s.users.updateRole('no-such-user', { role: 'billing' }),
  'users.remove': (s) => s.users.remove('no-such-user', {}),
  'me.retrieve': (s) => s.me.retrieve(),
  'numbers.lookup': (s) => s.numbers.lookup('+12025551234'),
};

/** `resource.method` for every method of every resource the SDK client exposes. */
function sdkMethods(client: SentDm): string[] {
  const out: string[] = [];
  const walk = (node: object, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value !== 'object' || value === null || !('_client' in value)) continue;
      const proto = Object.getPrototypeOf(value) as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(proto)) if (method !== 'constructor' && typeof proto[method] === 'function') out.push(`${prefix}${name}.${method}`);
      walk(value, `${prefix}${name}.`);
    }
  };
  walk(client, '');
  return out.sort();
}

describe('the SDK’s whole surface', () => {
  it('has a call in this test for each of its 40 methods', () => {
    const methods = sdkMethods(new SentDm({ apiKey: 'x', baseURL: 'http://127.0.0.1:9' }));
    expect(methods).toHaveLength(40);
    expect(Object.keys(CALLS).sort()).toEqual(methods);
  });

  it('answers every method with an operation the simulator has (never 404 RESOURCE_013 or 501)', async () => {
    const sent = new SentDm({ apiKey: tenantKey(), baseURL: served.url(), maxRetries: 0 });
    const missing: string[] = [];
    for (const [method, call] of Object.entries(CALLS)) {
      try {
        await call(sent);
      } catch (err) {
        if (!(err instanceof APIError)) throw err;
        const code = (err.error as { error?: { code?: string } } | undefined)?.error?.code;
        if (err.status === 501 || code === 'RESOURCE_013') missing.push(`${method} → ${err.status} ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
