// Scheduled drain (issue 23, docs/decisions/0071): against a running simulator, register one
// webhook for message events, schedule 10,000 SMS across the next 24 hours (100 sends of 100
// recipients, each send an instant of its own), let their message.queued and message.scheduled
// events arrive, then advance the tenant's clock ONCE past the last release and time from that
// advance call to the last event a local receiver gets. Every delivery's signature is checked
// with `standardwebhooks`; afterwards every message must read DELIVERED. Expected: 5 events per
// message (queued, scheduled; then routed, sent, delivered after the advance) = 50,000, 30,000 of
// them in the drain. Target: ≤ 5 s.
//
//   node bench/scheduled-drain.mjs                      (starts its own simulator: dist/cli.js)
//   node bench/scheduled-drain.mjs --url http://127.0.0.1:4010 --key sk_test_…   (a running one)
//   import { scheduledDrain } from './scheduled-drain.mjs'   (bench/run.mjs)
import http from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { HOST, installCleanup, requestJson, withOwnSimulator } from './lib.mjs';

const DAY_S = 86_400;
/** The i-th recipient: +1 415 3xx xxxx, distinct for i < 7,000,000. */
const recipient = (i) => `+1415${String(3_000_000 + i).padStart(7, '0')}`;
const parseStamp = (s) => Date.parse(String(s).replace(/(\.\d{3})\d+/, '$1'));

/**
 * @param {object} o
 * @param {string} o.baseUrl  e.g. http://127.0.0.1:4010 (the simulator; /_sim must be on, --max-scheduled ≥ messages)
 * @param {string} o.key      an sk_test_ key (its tenant receives the messages)
 */
export async function scheduledDrain({ baseUrl, key, messages = 10_000, batch = 100, timeoutMs = 120_000, log = console.log }) {
  const { hostname, port } = new URL(baseUrl);
  if (hostname !== HOST && hostname !== 'localhost') throw new Error(`scheduled drain talks to 127.0.0.1 only, not ${hostname}`);
  const headers = { 'x-api-key': key };
  const held = messages * 2;
  const expected = messages * 5;

  let webhook;
  const stats = { deliveries: 0, verified: 0, badSignature: 0, messageEvents: 0, types: {}, firstError: null, lastEventAt: 0 };
  // One wait at a time: until `want` events (bad signatures included, so a broken run ends) arrived.
  let want = Infinity;
  let done = () => {};
  const check = () => {
    if (stats.messageEvents + stats.badSignature < want) return;
    want = Infinity;
    done();
  };
  const receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.end();
      stats.deliveries++;
      try {
        const event = webhook.verify(Buffer.concat(chunks).toString('utf8'), {
          'webhook-id': req.headers['x-webhook-id'],
          'webhook-timestamp': req.headers['x-webhook-timestamp'],
          'webhook-signature': req.headers['x-webhook-signature'],
        });
        stats.verified++;
        const type = String(event?.event ?? 'unknown');
        stats.types[type] = (stats.types[type] ?? 0) + 1;
        if (type.startsWith('message.')) {
          stats.messageEvents++;
          stats.lastEventAt = performance.now();
        }
      } catch (err) {
        stats.badSignature++;
        stats.firstError ??= err.message;
      }
      check();
    });
  });
  await new Promise((resolve) => receiver.listen(0, HOST, resolve));
  const endpointUrl = `http://${HOST}:${receiver.address().port}/events`;
  const wait = (n) => {
    const reached = new Promise((resolve) => {
      want = n;
      done = () => resolve(false);
      check();
    });
    return Promise.race([reached, new Promise((r) => setTimeout(() => r(true), timeoutMs).unref())]);
  };
  try {
    const hook = await requestJson({ port, method: 'POST', path: '/v3/webhooks', headers, body: { display_name: 'bench scheduled drain', endpoint_url: endpointUrl, event_types: ['message'] } });
    const secret = hook.json?.data?.signing_secret;
    if (hook.status >= 300 || typeof secret !== 'string') throw new Error(`POST /v3/webhooks: HTTP ${hook.status}: ${hook.body.toString('utf8').slice(0, 300)}`);
    webhook = new Webhook(secret);

    const tenant = await requestJson({ port, method: 'GET', path: '/_sim/tenant?page=1&page_size=1', headers });
    const now = parseStamp(tenant.json?.now);
    if (!Number.isFinite(now)) throw new Error(`GET /_sim/tenant: HTTP ${tenant.status}, no "now"`);
    // The sends' instants spread from 2 minutes ahead to the end of the day.
    const sends = Math.ceil(messages / batch);
    const instant = (k) => now + 120_000 + Math.floor((k * (DAY_S - 240) * 1000) / Math.max(1, sends - 1));
    const ids = [];
    const sendStarted = performance.now();
    for (let k = 0; k < sends; k++) {
      const to = Array.from({ length: Math.min(batch, messages - k * batch) }, (_, j) => recipient(k * batch + j));
      const body = { to, text: 'Your appointment is tomorrow at 9:00.', channel: ['sms'], scheduled_at: new Date(instant(k)).toISOString() };
      const sent = await requestJson({ port, method: 'POST', path: '/v3/messages', headers, body, timeoutMs: 60_000 });
      if (sent.status !== 202) throw new Error(`POST /v3/messages: HTTP ${sent.status}: ${sent.body.toString('utf8').slice(0, 300)}`);
      for (const r of sent.json.data.recipients) ids.push(r.message_id);
    }
    const sendMs = performance.now() - sendStarted;
    // message.queued and message.scheduled go out on the real clock while the sends are made.
    const heldTimedOut = await wait(held);
    if (heldTimedOut) throw new Error(`only ${stats.messageEvents}/${held} queued and scheduled events arrived before the advance`);

    const started = performance.now();
    const advance = await requestJson({ port, method: 'POST', path: '/_sim/clock/advance', headers, body: { seconds: DAY_S + 60 }, timeoutMs });
    const advanceAnsweredMs = performance.now() - started;
    if (advance.status >= 300) throw new Error(`POST /_sim/clock/advance: HTTP ${advance.status}: ${advance.body.toString('utf8').slice(0, 300)}`);
    const timedOut = await wait(expected);
    const drainMs = timedOut ? Infinity : Math.max(0, stats.lastEventAt - started);

    // Every message went out exactly once: DELIVERED, and five events each.
    const delivered = await countDelivered(port, headers, ids);
    const exactlyOnce = ['message.queued', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered'].every((t) => stats.types[t] === messages);
    const result = { messages, expectedEvents: expected, sendMs, advanceAnsweredMs, drainMs, timedOut, delivered, exactlyOnce, ...stats };
    log(
      `  scheduled drain: ${messages} messages scheduled over 24 h in ${(sendMs / 1000).toFixed(1)} s; ${stats.messageEvents}/${expected} message events ` +
        `(${stats.verified} verified, ${stats.badSignature} bad signatures), ${delivered}/${messages} DELIVERED, ` +
        `${timedOut ? `TIMED OUT after ${timeoutMs} ms` : `last event ${drainMs.toFixed(0)} ms after the advance (answered in ${advanceAnsweredMs.toFixed(0)} ms)`}`,
    );
    return result;
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}

/** How many of `ids` read DELIVERED, through the conversations list (100 a page) rather than 10,000 GETs. */
async function countDelivered(port, headers, ids) {
  const wanted = new Set(ids);
  let delivered = 0;
  for (let page = 1; ; page++) {
    const res = await requestJson({ port, method: 'GET', path: `/v3/conversations?page=${page}&page_size=100`, headers, timeoutMs: 60_000 });
    if (res.status !== 200) throw new Error(`GET /v3/conversations: HTTP ${res.status}`);
    for (const m of res.json.data.messages) if (wanted.has(m.id) && m.status === 'DELIVERED') delivered++;
    if (!res.json.data.pagination.has_more) return delivered;
  }
}

/** Starts a simulator (--no-demo), runs the drain against it, stops it. */
export function scheduledDrainOwnServer({ messages = 10_000, log = console.log } = {}) {
  const extraArgs = ['--no-demo', '--max-scheduled', String(Math.max(10_000, messages))];
  return withOwnSimulator({ extraArgs, keyPrefix: 'sk_test_bench_scheduled' }, (baseUrl, key) => scheduledDrain({ baseUrl, key, messages, log }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installCleanup();
  const { values } = parseArgs({ options: { url: { type: 'string' }, key: { type: 'string' }, messages: { type: 'string' } } });
  const messages = Number(values.messages ?? 10_000);
  const result = values.url
    ? await scheduledDrain({ baseUrl: values.url, key: values.key ?? `sk_test_bench_scheduled_${Date.now().toString(36)}`, messages })
    : await scheduledDrainOwnServer({ messages });
  console.log(JSON.stringify(result));
}
