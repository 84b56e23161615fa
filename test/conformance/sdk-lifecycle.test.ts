import SentDm, {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@sentdm/sentdm';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/delivery/sign.js';
import { ERROR_CATALOG, MESSAGES } from '../../src/errors/catalog.js';
import { tenantKey, testApp } from '../support/app.js';
import { aBrand, aProfile } from '../support/builders.js';
import { aCampaign } from '../support/campaign-builders.js';
import { serveForFile } from '../support/listen.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';

// Sent's official SDK, unchanged and with retries off, against an in-process simulator:
// the second referee beside the spec (scripts/conformance.mjs).
const { app } = testApp();
const served = serveForFile(app);

const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });
const UNKNOWN_PROFILE = '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11';
const scenariosAvailable = ['profile-rate-limited', 'profile-delete-fails'].every((name) =>
  existsSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url)),
);

type SentErrorBody = { success: boolean; data: unknown; error: { code: string; message: string; details: Record<string, string[]> | null } };

/** Runs a call that must fail; returns the SDK's error and the Sent envelope it carried. */
async function failure<E extends APIError>(call: Promise<unknown>, kind: new (...args: never[]) => E): Promise<{ error: E; body: SentErrorBody }> {
  const error = await call.then(
    () => {
      throw new Error(`expected ${kind.name}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  const body = (error as E).error as SentErrorBody;
  expect(body).toMatchObject({ success: false, data: null });
  return { error: error as E, body };
}

async function profileNames(client: SentDm): Promise<string[]> {
  return ((await client.profiles.list()).data?.profiles ?? []).map((p) => p.name ?? '');
}

describe('the official SDK drives a whole profile lifecycle', () => {
  it('creates with a brand, adds a campaign, completes, receives the callback, retrieves, updates and deletes', async () => {
    const key = tenantKey();
    const client = sdk(key);
    const control = sim(app, key);
    const receiver = await startReceiver();
    try {
      const brand = aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: true } });
      const created = await client.profiles.create(aProfile({ inherit_tcr_campaign: false, brand })).withResponse();
      expect(created.response.status).toBe(201);
      const profile = created.data.data!;
      const id = profile.id!;
      expect(profile).toMatchObject({ name: 'Sales Team', status: 'incomplete', inherit_tcr_brand: false, brand: { is_inherited: false, submitted_to_tcr: false } });
      expect((await client.profiles.retrieve(id)).data).toEqual(profile);

      const campaign = await client.profiles.campaigns.create(id, { campaign: aCampaign() }).withResponse();
      expect(campaign.response.status).toBe(201);
      expect(campaign.data.data).toMatchObject({ name: 'Customer Notifications', submittedToTCR: false, status: null, brandId: profile.brand!.id });
      expect((await client.profiles.campaigns.list(id)).data?.map((c) => c.id)).toEqual([campaign.data.data!.id]);

      const accepted = await client.profiles.complete(id, { webHookUrl: receiver.url }).withResponse();
      expect(accepted.response.status).toBe(202);
      expect(accepted.data.data).toEqual({ message: MESSAGES.completionInProgress });
      expect(receiver.received).toHaveLength(0);

      // Completion takes 2 s of simulator time; advancing runs the job and delivers the callback.
      await control.advance(2);
      expect(receiver.received).toHaveLength(1);
      const callback = receiver.received[0]!;
      expect(callback.json).toEqual({ profileId: id, success: true, status: 'SUBMITTED', timestamp: expect.stringMatching(/\+00:00$/) });
      const { callback_signing_secret: secret } = await control.tenant();
      expect(verifySignature(secret, callback.headers as Record<string, string>, callback.body)).toBe(true);

      // Approved at once while TCR reviews the brand (Sent, 2026-11).
      const submitted = (await client.profiles.retrieve(id)).data!;
      expect(submitted).toMatchObject({ status: 'approved', brand: { submitted_to_tcr: true, identity_status: 'UNVERIFIED' } });

      const updated = await client.profiles.update(id, { description: 'Updated through the SDK', icon: null });
      expect(updated.data).toMatchObject({ id, description: 'Updated through the SDK', icon: null, status: 'approved' });
      expect((await client.profiles.retrieve(id)).data).toEqual(updated.data);

      // The SDK turns the 204 into null.
      await expect(client.profiles.delete(id, {})).resolves.toBeNull();
      const gone = await failure(client.profiles.retrieve(id), NotFoundError);
      expect(gone.body.error).toMatchObject({ code: 'RESOURCE_014', message: ERROR_CATALOG.RESOURCE_014.message });
      expect(await profileNames(client)).toEqual([]);
      // Soft delete: the simulator still holds the record.
      const kept = ((await control.tenant()).profiles as Array<{ id: string; deleted_at: string | null }>).find((p) => p.id === id);
      expect(kept?.deleted_at).toEqual(expect.any(String));
    } finally {
      await receiver.close();
    }
  });
});

describe('every error class the SDK maps, with the Sent envelope inside', () => {
  it('raises BadRequestError for a brand sent with inherit_tcr_brand: true, and creates nothing', async () => {
    const client = sdk(tenantKey());
    const { error, body } = await failure(client.profiles.create(aProfile({ brand: aBrand(), inherit_tcr_brand: true })), BadRequestError);
    expect(error.status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'VALIDATION_001',
      message: ERROR_CATALOG.VALIDATION_001.message,
      details: { brand: [MESSAGES.brandWithInherit] },
    });
    expect(error.headers.get('x-request-id')).toMatch(/^req_[A-Za-z0-9]{10}$/);
    expect(await profileNames(client)).toEqual([]);
  });

  it('raises AuthenticationError for a key that is neither an sk_test_ key nor a UUID', async () => {
    const { error, body } = await failure(sdk('not_a_simulator_key').profiles.list(), AuthenticationError);
    expect(error.status).toBe(401);
    expect(body.error).toMatchObject({ code: 'AUTH_002', message: ERROR_CATALOG.AUTH_002.message, details: null });
  });

  it('raises AuthenticationError for a live key, saying the simulator never takes one', async () => {
    const { error, body } = await failure(sdk('sk_live_51Hb3kQ2eZvKYlo2C').profiles.list(), AuthenticationError);
    expect(error.status).toBe(401);
    expect(body.error).toMatchObject({ code: 'AUTH_002', message: MESSAGES.liveKeyRefused, details: null });
  });

  it('raises PermissionDeniedError for a developer key that writes, and creates nothing', async () => {
    const key = tenantKey();
    const developer = (await sim(app, key).createKey({ role: 'developer' })).body.key as string;
    const { error, body } = await failure(sdk(developer).profiles.create(aProfile()), PermissionDeniedError);
    expect(error.status).toBe(403);
    expect(body.error).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
    // The developer may still read, and sees that nothing was created.
    expect(await profileNames(sdk(developer))).toEqual([]);
  });

  it('raises NotFoundError for a profile the organization does not have', async () => {
    const { error, body } = await failure(sdk(tenantKey()).profiles.retrieve(UNKNOWN_PROFILE), NotFoundError);
    expect(error.status).toBe(404);
    expect(body.error).toMatchObject({ code: 'RESOURCE_014', message: ERROR_CATALOG.RESOURCE_014.message, details: null });
  });

  it('no longer raises UnprocessableEntityError for a profile without a WhatsApp account: it is created without one (Sent, 2026-11)', async () => {
    const key = tenantKey();
    expect((await sim(app, key).patchTenant({ whatsapp_business_account: false })).status).toBe(200);
    const client = sdk(key);
    const created = await client.profiles.create(aProfile()).withResponse();
    expect(created.response.status).toBe(201);
    expect(created.data.data).toMatchObject({ waba_id: null });
    expect(await profileNames(client)).toEqual(['Sales Team']);
  });

  it.skipIf(!scenariosAvailable)('raises RateLimitError under the profile-rate-limited scenario, with Retry-After', async () => {
    const client = sdk(tenantKey());
    const id = (await client.profiles.create(aProfile())).data!.id!;
    const before = (await client.profiles.retrieve(id)).data;
    const headers = { 'x-sim-scenario': 'profile-rate-limited' };
    const { error, body } = await failure(client.profiles.retrieve(id, {}, { headers }), RateLimitError);
    expect(error.status).toBe(429);
    expect(body.error).toMatchObject({ code: 'BUSINESS_002', message: ERROR_CATALOG.BUSINESS_002.message });
    expect(error.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    expect(error.headers.get('x-ratelimit-remaining')).toBe('0');
    await failure(client.profiles.update(id, { name: 'Renamed' }, { headers }), RateLimitError);
    // Without the scenario the profile answers again, unchanged.
    expect((await client.profiles.retrieve(id)).data).toEqual(before);
  });

  it.skipIf(!scenariosAvailable)('raises InternalServerError under the profile-delete-fails scenario, and the profile stays', async () => {
    const client = sdk(tenantKey());
    const id = (await client.profiles.create(aProfile())).data!.id!;
    const { error, body } = await failure(
      client.profiles.delete(id, {}, { headers: { 'x-sim-scenario': 'profile-delete-fails' } }),
      InternalServerError,
    );
    expect(error.status).toBe(500);
    const requestId = error.headers.get('x-request-id')!;
    expect(body.error).toMatchObject({ code: 'INTERNAL_001', message: MESSAGES.deleteFailed('profile', requestId), details: null });
    expect((await client.profiles.retrieve(id)).data).toMatchObject({ id, name: 'Sales Team' });
    expect(await profileNames(client)).toEqual(['Sales Team']);
  });
});
