import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { DECLINED_TEST_CARD } from '../../../src/resources/profiles/rules.js';
import { aBillingContact, aCard, aProfile } from '../../support/builders.js';
import { capturingLogger, client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

describe('billing contact', () => {
  it('accepts a create with only a name (default model, no contact)', async () => {
    const { app } = testApp();
    expect((await client(app).post('/v3/profiles', { name: 'Only a name' })).status).toBe(201);
  });

  it('requires a contact when billing_model is sent as a profile model', async () => {
    const { app } = testApp();
    const c = client(app);
    for (const model of ['profile', 'profile_and_organization'] as const) {
      const res = await c.post('/v3/profiles', aProfile({ billing_model: model }));
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual({ billing_contact: [MESSAGES.billingContactRequired] });
    }
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('requires name and email inside the contact', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles', aProfile({ billing_model: 'profile', billing_contact: { phone: '1' } as never }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(['billing_contact.email', 'billing_contact.name']);
  });
});

describe('payment details', () => {
  const withProfileBilling = { billing_model: 'profile' as const, billing_contact: aBillingContact() };

  it('are refused with organization billing', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', aProfile({ billing_model: 'organization', payment_details: aCard() }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ payment_details: [MESSAGES.paymentWithOrganizationBilling] });
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it.each([
    ['not Luhn-valid', { card_number: '4242424242424241' }, 'payment_details.card_number', MESSAGES.cardLuhn],
    ['expired by the tenant clock', { expiry: '01/21' }, 'payment_details.expiry', MESSAGES.cardExpired],
    ['declined by the processor', { card_number: DECLINED_TEST_CARD }, 'payment_details.card_number', MESSAGES.cardDeclined],
  ])('refuse a card that is %s, saving nothing', async (_label, card, path, message) => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', aProfile({ ...withProfileBilling, payment_details: aCard(card) }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { [path]: [message] } });
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('judge expiry by the tenant’s clock, not the machine’s', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    const now = new Date((await control.tenant()).now);
    const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(now.getUTCFullYear() % 100).padStart(2, '0');
    const thisMonth = aCard({ expiry: `${mm}/${yy}` });
    expect((await c.post('/v3/profiles', aProfile({ ...withProfileBilling, payment_details: thisMonth }))).status).toBe(201);
    await control.advance(40 * 86_400);
    const res = await c.post('/v3/profiles', aProfile({ ...withProfileBilling, payment_details: thisMonth }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ 'payment_details.expiry': [MESSAGES.cardExpired] });
  });

  it('never store, return or log the card: a canary number appears nowhere', async () => {
    const logs = capturingLogger();
    const { app } = testApp({ logger: logs.logger });
    const c = client(app);
    const control = sim(app, c.key);
    const canary = '4111111111111111';
    const cvc = '9731';
    const bodies: string[] = [];
    const created = await c.post('/v3/profiles', aProfile({ ...withProfileBilling, payment_details: aCard({ card_number: canary, cvc }) }));
    expect(created.status).toBe(201);
    bodies.push(created.text);
    const id = created.body.data.id;
    bodies.push((await c.patch(`/v3/profiles/${id}`, { payment_details: aCard({ card_number: canary, cvc }) })).text);
    bodies.push((await c.patch(`/v3/profiles/${id}`, { billing_model: 'organization', payment_details: aCard({ card_number: canary, cvc }) })).text);
    bodies.push((await c.get(`/v3/profiles/${id}`)).text, (await c.get('/v3/profiles')).text);

    // What the simulator holds, as the control plane shows and exports it (hardening/secrets scans memory itself).
    const view = await control.tenant();
    const state = JSON.stringify([view, await control.export()]);
    for (const haystack of [...bodies, logs.lines.join('\n'), state]) {
      expect(haystack).not.toContain(canary);
      // A CVC is 4 digits, which random ids and timestamps contain by chance: it leaks only as a whole JSON string.
      expect(haystack).not.toContain(`"${cvc}"`);
    }
    expect(view.profiles.find((p: { id: string }) => p.id === id).simulator.payment).toEqual({ last4: '1111', card_brand: 'visa' });
  });
});
