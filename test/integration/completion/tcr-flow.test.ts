import SentDm from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../../src/delivery/sign.js';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aBrand, aProfile, aCompletingProfile } from '../../support/builders.js';
import { aCampaign } from '../../support/campaign-builders.js';
import { serveForFile } from '../../support/listen.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { tenantKey, testApp } from '../../support/app.js';

const { app } = testApp();
const served = serveForFile(app);

describe('completion of a TCR application, end to end through the official SDK', () => {
  it('goes 202 → SUBMITTED callback → approved with a locked brand (Sent, 2026-11) → 48 h → brand ACTIVE → 200', async () => {
    const key = tenantKey();
    const client = new SentDm({ apiKey: key, baseURL: served.url(), maxRetries: 0 });
    const control = sim(app, key);
    const receiver = await startReceiver();
    try {
      const created = await client.profiles.create(
        aProfile({
          inherit_tcr_campaign: false,
          brand: aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: true } }),
        }),
      );
      const id = created.data!.id!;
      await client.profiles.campaigns.create(id, { campaign: aCampaign() });

      const accepted = await client.profiles.complete(id, { webHookUrl: receiver.url });
      expect(accepted.data).toEqual({ message: MESSAGES.completionInProgress });
      expect(receiver.received).toHaveLength(0);

      // Processing takes 2 s of simulator time; the advance runs the job and delivers before answering.
      const step = await control.advance(2);
      expect(step.fired.map((f) => f.kind)).toEqual(['completion']);
      expect(receiver.received).toHaveLength(1);
      const callback = receiver.received[0]!;
      expect(callback.json).toEqual({ profileId: id, success: true, status: 'SUBMITTED', timestamp: expect.stringMatching(/\+00:00$/) });
      expect(callback.headers['content-type']).toBe('application/json');
      expect(callback.headers['user-agent']).toMatch(/^sent-sim\//);
      const { callback_signing_secret: secret } = await control.tenant();
      expect(secret).toMatch(/^whsec_/);
      expect(verifySignature(secret, callback.headers as Record<string, string>, callback.body)).toBe(true);
      expect(verifySignature(secret, callback.headers as Record<string, string>, callback.body.replace('SUBMITTED', 'COMPLETED'))).toBe(false);

      // Onboarded at once, while TCR reviews the brand (issue 22: no pending_review stage).
      const pending = (await client.profiles.retrieve(id)).data!;
      expect(pending.status).toBe('approved');
      expect(pending.brand).toMatchObject({ submitted_to_tcr: true, identity_status: 'UNVERIFIED', tcr_brand_id: expect.stringMatching(/^B[A-Z0-9]{6}$/) });
      expect(pending.brand!.submitted_at).not.toBeNull();

      // The brand is locked: a PATCH carrying brand is refused whole.
      const refused = await client.profiles.update(id, { name: 'Renamed', brand: aBrand() }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 400, error: { error: { details: { brand: [MESSAGES.brandLocked] } } } });
      expect((await client.profiles.retrieve(id)).data).toEqual(pending);
      // The submitted campaign is locked as well.
      const [campaign] = (await client.profiles.campaigns.list(id)).data!;
      expect(campaign).toMatchObject({ submittedToTCR: true, status: 'SENT_CREATED' });

      const review = await control.advance(48 * 3600);
      expect(review.fired.map((f) => f.kind)).toEqual(['tcr-review']);
      const approved = (await client.profiles.retrieve(id)).data!;
      expect(approved.status).toBe('approved');
      expect(approved.brand).toMatchObject({ status: 'ACTIVE', identity_status: 'VERIFIED' });
      expect((await client.profiles.campaigns.list(id)).data![0]).toMatchObject({ status: 'ACTIVE' });

      const again = await client.profiles.complete(id, { webHookUrl: receiver.url }).withResponse();
      expect(again.response.status).toBe(200);
      expect(again.data.data).toEqual({ status: 'completed', message: MESSAGES.completionAlreadyDone });
      await control.advance(3600);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('completes a profile that inherits the organization’s non-TCR brand and campaigns: COMPLETED → approved', async () => {
    const key = tenantKey();
    const client = new SentDm({ apiKey: key, baseURL: served.url(), maxRetries: 0 });
    const control = sim(app, key);
    expect((await control.patchTenant({ brand: aBrand(), campaigns: 2 })).status).toBe(200);
    const receiver = await startReceiver();
    try {
      const id = (await client.profiles.create(aCompletingProfile())).data!.id!;
      const profile = (await client.profiles.retrieve(id)).data!;
      expect(profile.brand).toMatchObject({ is_inherited: true, contact: { name: 'John Smith' } });
      expect((await client.profiles.campaigns.list(id)).data).toHaveLength(2);

      await client.profiles.complete(id, { webHookUrl: receiver.url });
      await control.advance(2);
      expect(receiver.received.map((r) => r.json.status)).toEqual(['COMPLETED']);
      expect((await client.profiles.retrieve(id)).data!.status).toBe('approved');
    } finally {
      await receiver.close();
    }
  });
});
