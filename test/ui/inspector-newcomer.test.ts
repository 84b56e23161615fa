/**
 * Issue 26: the inspector as a newcomer meets it, in a real browser (headless Chromium through
 * playwright-core). Changing key clears the filters; a detail closes with its filtered-out entry;
 * a refused advance says why; a 360 px screen needs no sideways scrolling; rows name the message
 * they are about; resource rows open their record; a clock advance shows once.
 */
import SentDm from '@sentdm/sentdm';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_CLOCK_MS } from '../../src/clock/tenant-clock.js';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { aProfile } from '../support/builders.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { aWebhook } from '../support/webhooks.js';
import { browserAvailability, browserSuite, row, signIn, type BrowserSuite } from './browser.js';

const { app } = testApp();
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: ui.url, maxRetries: 0 });
let ui: BrowserSuite;
let page: Page;

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function overflow(): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

describe.skipIf(!browserAvailability().run)('the inspector for a newcomer', () => {
  ui = browserSuite(app);
  beforeEach(() => {
    page = ui.page;
  });

  it('clears the filters and the view when the key changes', async () => {
    const first = tenantKey();
    await client(app, first).post('/v3/profiles', aProfile({ name: 'First tenant' }));
    await signIn(page, ui.url, first);
    await (await row(page, 'POST /v3/profiles')).click();
    await page.selectOption('#filter-kind', 'api');
    await page.selectOption('#filter-status', 'failed');
    await page.fill('#filter-text', 'nothing like this');
    await page.click('#tab-resources');
    await page.locator('#resources section[data-collection="profiles"]').waitFor();

    await page.click('#signout');
    const second = tenantKey();
    await client(app, second).get('/v3/profiles');
    await signIn(page, ui.url, second);
    expect([await page.inputValue('#filter-kind'), await page.inputValue('#filter-status'), await page.inputValue('#filter-text')]).toEqual(['all', 'all', '']);
    expect(await (await row(page, 'GET /v3/profiles')).textContent()).toContain('200');
    expect(await page.locator('#timeline li.row').count()).toBe(1);
    expect(await page.isHidden('#detail')).toBe(true);
    expect(await page.textContent('#resources')).toBe('');
  });

  it('closes the detail when the filters take its entry out, and keeps it while they do not', async () => {
    const key = tenantKey();
    await client(app, key).post('/v3/profiles', aProfile());
    await client(app, key).get('/v3/profiles/not-a-uuid');
    await signIn(page, ui.url, key);
    await (await row(page, 'POST /v3/profiles')).click();
    await page.locator('#detail h2', { hasText: 'POST /v3/profiles' }).waitFor();

    await page.selectOption('#filter-status', 'ok');
    await page.locator('#timeline li.row', { hasText: 'not-a-uuid' }).waitFor({ state: 'detached' });
    expect(await page.isVisible('#detail')).toBe(true);

    await page.fill('#filter-text', 'not-a-uuid');
    await page.locator('#detail').waitFor({ state: 'hidden' });
    expect(await page.locator('#timeline li.row').count()).toBe(0);
    await page.fill('#filter-text', '');
    await row(page, 'POST /v3/profiles');
    expect(await page.isHidden('#detail')).toBe(true);
    expect(await page.locator('#timeline li.row.selected').count()).toBe(0);
  });

  it('says why an advance is refused, and moves nothing', async () => {
    const key = tenantKey();
    await signIn(page, ui.url, key);
    const cases: Array<[string, string, string]> = [
      ['', 'seconds', 'Enter how many seconds to advance by, as a number.'],
      ['-5', 'minutes', 'The clock only moves forward: enter an amount above zero.'],
      ['0', 'hours', 'The clock only moves forward: enter an amount above zero.'],
      ['4000', 'days', 'One advance moves the clock at most 10 years (3,650 days); advance again for more.'],
    ];
    for (const [amount, unit, message] of cases) {
      await page.fill('#advance-amount', amount);
      await page.selectOption('#advance-unit', unit);
      await page.click('#advance-custom');
      await page.locator('#advance-result .error', { hasText: message }).waitFor();
    }
    expect((await sim(app, key).tenant()).clock_offset_ms).toBe(0);
    expect(await page.locator('#timeline li.row').count()).toBe(0); // nothing was sent

    // The simulator refuses one past the end of year 9999: its reason is shown, not "validation failed".
    const snapshot = await sim(app, key).export();
    const snapshotOffset = MAX_CLOCK_MS - Date.now() - 3_600_000;
    expect((await sim(app, key).import({ ...snapshot, clock_offset_ms: snapshotOffset })).status).toBe(200);
    await page.click('#advance-day');
    await page.locator('#advance-result .error', { hasText: `The clock did not move: ${MESSAGES.clockPastYear9999}` }).waitFor();
    expect((await sim(app, key).tenant()).clock_offset_ms).toBe(snapshotOffset);
    expect(await (await row(page, 'POST /_sim/clock/advance', 'control')).textContent()).toContain('400');
  });

  it('shows a clock advance once, as the advance with the jobs it fired', async () => {
    const key = tenantKey();
    await signIn(page, ui.url, key);
    await page.click('#advance-minute');
    await row(page, 'advanced 1 min', 'clock');
    await sim(app, key).advance(3600); // through the API, as a test would
    await row(page, 'advanced 1 h', 'clock');
    await client(app, key).get('/v3/profiles');
    await row(page, 'GET /v3/profiles');
    expect(await page.locator('#timeline li.row[data-kind="clock"]').count()).toBe(2);
    expect(await page.locator('#timeline li.row', { hasText: '/_sim/clock/advance' }).count()).toBe(0);
    await page.selectOption('#filter-kind', 'requests');
    await page.locator('#timeline li.row[data-kind="clock"]').first().waitFor({ state: 'detached' });
    expect(await page.locator('#timeline li.row').count()).toBe(1);
  });

  it('names the message a send made and the message each delivery is about', async () => {
    const key = tenantKey();
    const receiver = await startReceiver();
    try {
      await client(app, key).post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }));
      await signIn(page, ui.url, key);
      const { data } = await sdk(key).messages.send({ to: ['+14155550123'], channel: ['sms'], text: 'Your order has shipped.' });
      const id = data!.recipients![0]!.message_id!;
      const send = await row(page, 'POST /v3/messages', 'api');
      expect(await send.textContent()).toContain(`message ${id.slice(0, 8)} to +14155550123`);

      await sim(app, key).advance(5);
      await row(page, 'message.delivered', 'delivery');
      const deliveries = page.locator('#timeline li.row[data-kind="delivery"]');
      expect(await deliveries.allTextContents()).toEqual(
        ['delivered', 'sent', 'routed', 'queued'].map((s) => expect.stringContaining(`message.${s} · message ${id.slice(0, 8)} → ${receiver.url}`)),
      );
      expect(receiver.received).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });

  it('opens a resource row: a message’s body, a template’s definition, the whole record', async () => {
    const key = tenantKey();
    const { data } = await sdk(key).messages.send({ to: ['+14155550123'], channel: ['sms'], text: 'Your table is ready.' });
    const template = (
      await client(app, key).post('/v3/templates', {
        definition: { body: { multiChannel: { template: 'Your login code is {{0:variable}}, valid for ten minutes.', variables: [{ id: 0, name: 'code', type: 'variable', props: { variableType: 'text', sample: '123456' } }] } } },
      })
    ).body.data;
    await signIn(page, ui.url, key);
    await page.click('#tab-resources');

    await page.locator(`#resources tr[data-id="${data!.recipients![0]!.message_id}"]`).click();
    expect(await page.textContent('#resource-detail h2')).toBe(`message ${data!.recipients![0]!.message_id}`);
    expect(await page.textContent('#resource-message-body')).toBe('Your table is ready.');
    // Only elements: no stray text (a "null" where a message has no template).
    expect(await page.evaluate<string[]>("[...document.getElementById('resource-detail').childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent)")).toEqual([]);
    expect(JSON.parse((await page.textContent('#resource-record'))!)).toMatchObject({ id: data!.recipients![0]!.message_id, phone: '+14155550123' });

    await page.locator(`#resources tr[data-id="${template.id}"]`).click();
    expect(await page.textContent('#resource-detail h2')).toBe(`template ${template.id}`);
    expect(JSON.parse((await page.textContent('#resource-definition'))!)).toMatchObject({ body: { multiChannel: { template: 'Your login code is {{0:variable}}, valid for ten minutes.' } } });
    expect(await page.locator(`#resources tr[data-id="${template.id}"].selected`).count()).toBe(1);

    // The record stays shown as it changes, and goes with it.
    await client(app, key).put(`/v3/templates/${template.id}`, { name: 'login_code' });
    await page.locator('#resource-detail', { hasText: 'login_code' }).waitFor();
    await client(app, key).delete(`/v3/templates/${template.id}`);
    await page.locator('#resource-detail').waitFor({ state: 'hidden' });
  });

  it('fits a 360 px screen: sign-in, timeline with a detail, resources with a record', async () => {
    page = await ui.open({ width: 360, height: 740 });
    const key = tenantKey();
    await page.goto(`${ui.url}/_sim/ui`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const profile = (await client(app, key).post('/v3/profiles', aProfile({ name: 'A profile with a rather long name for a phone' }))).body.data;
    await client(app, key).post('/v3/profiles', aProfile({ short_name: '!' }));
    await signIn(page, ui.url, key);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await (await row(page, '400 VALIDATION_001')).click();
    await page.locator('#detail').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const box = (await page.locator('#detail').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);

    await page.click('#tab-resources');
    await page.locator(`#resources tr[data-id="${profile.id}"]`).click();
    await page.locator('#resource-detail').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect((await request(app).get('/_sim/whoami').set('x-api-key', key)).status).toBe(200);
  });
});
