// `npm run ui:screenshots`: pictures of each view of the web inspector (/_sim/ui) for the docs,
// written to docs/ui/. Not part of the tests: it runs the built simulator (dist/) with the demo
// tenant, drives it the way a newcomer would (requests, a completion, a clock advance), and
// photographs the page in headless Chromium (Debian's /usr/bin/chromium, through playwright-core).
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createSimulator } from '../dist/index.js';

const OUT = resolve(import.meta.dirname, '../docs/ui');
const KEY = 'sk_test_demo_admin';
mkdirSync(OUT, { recursive: true });

const receiver = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${receiver.address().port}/sent/callback`;

const sim = createSimulator({ seed: 17, demo: true });
const { url } = await sim.listen();
const api = async (method, path, body) => {
  const res = await fetch(`${url}${path}`, { method, headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  return res.json();
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  const shot = async (name, options = {}) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), ...options });
    console.log(`ui:screenshots: docs/ui/${name}.png`);
  };

  await page.goto(`${url}/_sim/ui`);
  await page.fill('#key', KEY);
  await shot('sign-in');
  await page.click('#connect');
  await page.waitForSelector('#live.ok');

  // What a client does: look, create, get something wrong, ask for completion.
  const { profiles } = (await api('GET', '/v3/profiles')).data;
  const created = (await api('POST', '/v3/profiles', { name: 'Billing Team', short_name: 'BILLING', description: 'Invoices and receipts' })).data;
  await api('POST', '/v3/profiles', { name: 'x', short_name: '!' });
  await api('POST', `/v3/profiles/${profiles[0].id}/complete`, { webHookUrl: hook });
  await api('POST', `/v3/profiles/${created.id}/complete`, { webHookUrl: hook });
  // A webhook and a message: each delivery row names the message its event is about.
  await api('POST', '/v3/webhooks', { display_name: 'Orders', endpoint_url: hook.replace('callback', 'webhooks'), event_types: ['message'] });
  const sent = (await api('POST', '/v3/messages', { to: ['+14155550123'], channel: ['sms'], text: 'Your order has shipped.' })).data;
  await page.click('#advance-minute');
  await page.locator('#timeline li.row', { hasText: 'message.delivered' }).waitFor();
  await shot('timeline');

  await page.locator('#timeline li.row', { hasText: 'message.delivered' }).first().click();
  await page.waitForSelector('#signature');
  await shot('delivery-detail');

  await page.locator('#timeline li.row', { hasText: '400 VALIDATION_001' }).first().click();
  await shot('request-detail');

  await page.click('#detail-close');
  await page.click('#tab-resources');
  await page.locator('#resources section[data-collection="profiles"]').waitFor();
  await shot('resources', { fullPage: true });

  await page.locator(`#resources tr[data-id="${sent.recipients[0].message_id}"]`).click();
  await page.waitForSelector('#resource-message-body');
  await shot('resource-detail');

  // A phone: 360 px wide, its own tab (the key lives in the tab's session storage).
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await phone.goto(`${url}/_sim/ui`);
  await phone.fill('#key', KEY);
  await phone.click('#connect');
  await phone.waitForSelector('#live.ok');
  await phone.locator('#timeline li.row', { hasText: 'message.delivered' }).first().waitFor();
  await phone.locator('#timeline').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: join(OUT, 'narrow.png') });
  console.log('ui:screenshots: docs/ui/narrow.png');
} finally {
  await browser.close();
  await sim.close();
  receiver.close();
}
