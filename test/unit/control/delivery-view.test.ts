import { describe, expect, it } from 'vitest';
import { deliveryViewer } from '../../../src/control/delivery-view.js';
import type { Deps } from '../../../src/deps.js';
import { signPayload } from '../../../src/delivery/sign.js';
import type { DeliveryAttempt } from '../../../src/delivery/types.js';
import type { ResourceInstance } from '../../../src/resources/module.js';
import type { Tenant } from '../../../src/store/types.js';

const SECRET = `whsec_${Buffer.from('one secret of 32 bytes, exactly.').toString('base64')}`;
const OTHER = `whsec_${Buffer.from('another secret of 32 bytes, too.').toString('base64')}`;

function attempt(secret: string | null, body = { profileId: 'p1', status: 'COMPLETED' }): DeliveryAttempt {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = secret === null ? {} : { 'x-webhook-id': 'cb_1', 'x-webhook-timestamp': '1700000000', 'x-webhook-signature': signPayload(secret, 'cb_1', 1700000000, text) };
  return { source: 'hooks', delivery_id: 'cb_1', ref: 'r1', event_type: null, url: 'http://x/', attempt: 1, max_attempts: 1, at: 't', payload: JSON.parse(text), headers, status_code: 200, error: null, duration_ms: 1, delivered: true, next_attempt_at: null, scenario: null };
}

function viewer(currentSecret: ((tenant: Tenant, ref: string) => string | null) | undefined) {
  const instance: ResourceInstance = { deliverySources: { hooks: { target: () => null, ...(currentSecret ? { currentSecret } : {}) } } };
  return deliveryViewer({ resources: new Map([['hooks', instance]]) } as unknown as Deps);
}

const tenant = {} as Tenant;

describe('signature_verifies', () => {
  it('is true with the secret that signed it, false once the secret is another one', () => {
    expect(viewer(() => SECRET)(tenant, attempt(SECRET)).signature_verifies).toBe(true);
    expect(viewer(() => OTHER)(tenant, attempt(SECRET)).signature_verifies).toBe(false);
  });

  it('is false for a body that is not the one signed', () => {
    const tampered = { ...attempt(SECRET), payload: { profileId: 'p1', status: 'FAILED' } };
    expect(viewer(() => SECRET)(tenant, tampered).signature_verifies).toBe(false);
  });

  it('is null when nothing was signed, the source has no secret any more, or cannot tell', () => {
    expect(viewer(() => SECRET)(tenant, attempt(null)).signature_verifies).toBeNull();
    expect(viewer(() => null)(tenant, attempt(SECRET)).signature_verifies).toBeNull();
    expect(viewer(undefined)(tenant, attempt(SECRET)).signature_verifies).toBeNull();
    expect(viewer(() => SECRET)(tenant, { ...attempt(SECRET), source: 'unknown' }).signature_verifies).toBeNull();
  });

  it('asks the source for the secret of the delivery’s reference', () => {
    const asked: string[] = [];
    viewer((_t, ref) => (asked.push(ref), SECRET))(tenant, attempt(SECRET));
    expect(asked).toEqual(['r1']);
  });
});
