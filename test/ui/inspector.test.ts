/**
 * Issue 17: the web inspector in a real browser (headless Chromium, driven by playwright-core).
 * One browser for the file, a fresh browser context (its own session storage) per test, one
 * simulator on a loopback port; requests are made through the official SDK, as a user's app would.
 */
import SentDm from '@sentdm/sentdm';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { aBrand, aProfile, aCompletingProfile } from '../support/builders.js';
import { listenOnLoopback } from '../support/listen.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { browserAvailability, browserSuite, row, signIn, type BrowserSuite } from './browser.js';

const { app, deps } = testApp();
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: ui.url, maxRetries: 0 });
let ui: BrowserSuite;
let page: Page;

describe.skipIf(!browserAvailability().run)('the inspector in a browser', () => {
  ui = browserSuite(app);
  beforeEach(() => {
    page = ui.page;
  });

  it('shows a request made through the SDK as it happens, and its detail', async () => {
    const key = tenantKey();
    await signIn(page, ui.url, key);
    expect(await page.textContent('#session-key')).toBe(`sk_test_…${key.slice(-2)}`);
    expect(await page.getAttribute('#key', 'type')).toBe('password');

    const profile = (await sdk(key).profiles.create({ name: 'Live profile', short_name: 'LIVE' })).data!;
    const created = await row(page, 'POST /v3/profiles', 'api');
    expect(await created.textContent()).toContain('201');

    await created.click();
    const detail = page.locator('#detail');
    await detail.waitFor();
    const text = (await detail.textContent())!;
    expect(text).toContain('createProfile');
    expect(text).toContain(`"id": "${profile.id}"`); // the response body
    expect(text).toContain('"name": "Live profile"'); // the request body
    expect(text).toContain(`sk_test_…${key.slice(-2)}`); // the key, masked as the journal keeps it
    expect(text).not.toContain(key);
  });

  it('advances the clock and shows the completion callback it fired, with its signature checked', async () => {
    const key = tenantKey();
    await sim(app, key).patchTenant({ brand: aBrand(), campaigns: 1 });
    const receiver = await startReceiver();
    try {
      const profile = (await client(app, key).post('/v3/profiles', aCompletingProfile())).body.data;
      await signIn(page, ui.url, key);
      await sdk(key).profiles.complete(profile.id, { webHookUrl: receiver.url });
      await row(page, `/v3/profiles/${profile.id}/complete`);

      await page.click('#advance-minute');
      await page.locator('#advance-result', { hasText: 'completion' }).waitFor();
      expect(await page.textContent('#advance-result')).toContain(`completion · profile ${profile.id}`);
      await row(page, 'advanced 1 min', 'clock');
      const callback = await row(page, 'completion callback (COMPLETED)', 'delivery');
      expect(await callback.textContent()).toContain('attempt 1 of 1');
      expect(receiver.received).toHaveLength(1);

      await callback.click();
      expect(await page.textContent('#signature')).toBe('verifies with the current secret');
      const body = (await page.textContent('#detail pre.body'))!;
      expect(JSON.parse(body)).toEqual(JSON.parse(receiver.received[0]!.body));
      expect(await page.textContent('#detail')).toContain(receiver.url);
    } finally {
      await receiver.close();
    }
  });

  it('switches the scenario, and the next request shows its effect', async () => {
    const key = tenantKey();
    await signIn(page, ui.url, key);
    await page.waitForSelector('#scenario option[value="profile-rate-limited"]', { state: 'attached' });
    await page.selectOption('#scenario', 'profile-rate-limited');
    await page.locator('#control-message', { hasText: 'profile-rate-limited' }).waitFor();
    expect((await request(app).get('/_sim/scenarios/active').set('x-api-key', key)).body.active.name).toBe('profile-rate-limited');

    await expect(sdk(key).profiles.list()).rejects.toMatchObject({ status: 429 });
    const limited = await row(page, 'GET /v3/profiles', 'api');
    expect(await limited.textContent()).toContain('429 BUSINESS_002');
    expect(await limited.textContent()).toContain('profile-rate-limited');

    await page.selectOption('#scenario', '');
    await page.locator('#control-message', { hasText: 'No scenario' }).waitFor();
    expect((await request(app).get('/_sim/scenarios/active').set('x-api-key', key)).body.active).toBeNull();
  });

  it('resets the tenant after a second click, emptying the timeline and the resources', async () => {
    const key = tenantKey();
    await client(app, key).post('/v3/profiles', aProfile({ name: 'Before the reset' }));
    await signIn(page, ui.url, key);
    await row(page, 'POST /v3/profiles');

    await page.click('#reset');
    expect(await page.textContent('#reset')).toBe('Click again to reset');
    expect((await client(app, key).get('/v3/profiles')).body.data.profiles).toHaveLength(1); // nothing yet
    await page.click('#reset');
    await row(page, 'POST /_sim/reset', 'control');
    expect(await page.locator('#timeline li.row').count()).toBe(1);
    expect((await client(app, key).get('/v3/profiles')).body.data.profiles).toEqual([]);

    await page.click('#tab-resources');
    await page.locator('#resources section[data-collection="profiles"] h2', { hasText: 'profiles (0)' }).waitFor();
  });

  it('lists resources from the tenant view, shows data as text, and links a resource to its timeline entries', async () => {
    const key = tenantKey();
    const hostile = '<img src=x onerror=alert(1)>';
    const profile = (await client(app, key).post('/v3/profiles', aProfile({ name: hostile }))).body.data;
    await client(app, key).get('/v3/profiles');
    await signIn(page, ui.url, key);

    await page.click('#tab-resources');
    const profileRow = page.locator(`#resources tr[data-id="${profile.id}"]`);
    await profileRow.waitFor();
    expect(await profileRow.locator('td').nth(1).textContent()).toBe(hostile);
    expect(await profileRow.locator('td').nth(2).textContent()).toBe('incomplete');
    expect(await page.locator('#resources img, #timeline img, #detail img').count()).toBe(0);

    await profileRow.getByRole('button', { name: 'timeline' }).click();
    expect(await page.inputValue('#filter-text')).toBe(profile.id);
    await row(page, 'POST /v3/profiles');
    // Only what mentions the profile: its create, not the list made before it existed.
    expect(await page.locator('#timeline li.row').count()).toBe(2);
    await (await row(page, 'POST /v3/profiles')).click();
    expect(await page.textContent('#detail')).toContain(hostile);
    expect(await page.locator('#detail img').count()).toBe(0);
  });

  it('gives a read-only key the views but not the levers', async () => {
    const owner = tenantKey();
    const developer = await sim(app, owner).keyFor('developer');
    await signIn(page, ui.url, developer);
    expect(await page.textContent('#session-role')).toBe('developer · read only');
    for (const id of ['advance-minute', 'advance-hour', 'advance-day', 'advance-custom', 'scenario', 'reset', 'import-file']) {
      expect(await page.isDisabled(`#${id}`), id).toBe(true);
    }
    expect(await page.isDisabled('#export')).toBe(false);
  });

  it('exports a tenant as a download and imports it into another', async () => {
    const source = tenantKey();
    await client(app, source).post('/v3/profiles', aProfile({ name: 'Travelling profile' }));
    await signIn(page, ui.url, source);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = await download.path();

    await page.click('#signout');
    const target = tenantKey();
    await signIn(page, ui.url, target);
    await page.setInputFiles('#import-file', file);
    await page.locator('#control-message', { hasText: 'Imported' }).waitFor();
    const profiles = (await client(app, target).get('/v3/profiles')).body.data.profiles;
    expect(profiles.map((p: { name: string }) => p.name)).toEqual(['Travelling profile']);
  });

  it('asks for the admin token when the simulator has one, and keeps the key to the tab', async () => {
    const guarded = await listenOnLoopback(createApp({ ...deps, config: { ...deps.config, adminToken: 'let-me-in' } }));
    try {
      const key = tenantKey();
      await page.goto(`${guarded.url}/_sim/ui`);
      await page.fill('#key', key);
      await page.click('#connect');
      await page.locator('#login-error', { hasText: '403' }).waitFor();
      expect(await page.textContent('#login-error')).toContain('admin token');

      await signIn(page, guarded.url, key, 'let-me-in');
      expect(await page.evaluate('sessionStorage.getItem("sent-sim.inspector.key")')).toBe(key);
      await page.reload();
      await page.waitForSelector('#live.ok');
      const other = await ui.context.newPage();
      await other.goto(`${guarded.url}/_sim/ui`);
      expect(await other.isVisible('#login')).toBe(true);
    } finally {
      await guarded.close();
    }
  });
});
