import { seedDemoTenant } from '../../src/store/demo.js';
import { DEMO_KEYS } from '../../src/store/tenants.js';
import { client, testApp } from './app.js';

/** The users behind the demo tenant's admin, developer and billing keys (docs/decisions/0019). */
export const DEMO_USER_IDS = {
  admin: '880e8400-e29b-41d4-a716-446655440003',
  developer: '880e8400-e29b-41d4-a716-446655440004',
  billing: '880e8400-e29b-41d4-a716-446655440006',
} as const;

/** A simulator of its own with the demo tenant seeded, and a client per demo key. */
export function demoApp() {
  const t = testApp();
  seedDemoTenant(t.deps);
  return {
    ...t,
    owner: client(t.app, DEMO_KEYS.owner),
    admin: client(t.app, DEMO_KEYS.admin),
    developer: client(t.app, DEMO_KEYS.developer),
    billing: client(t.app, DEMO_KEYS.billing),
  };
}

/** A valid invitation body; override what a test is about. */
export function anInvite(overrides: Record<string, unknown> = {}) {
  return { email: 'newuser@example.com', name: 'New User', role: 'developer', ...overrides };
}
