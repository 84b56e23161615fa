// Event drain: against a running simulator, register one webhook for message events, send
// 1,000 SMS to 1,000 distinct numbers, advance the tenant's clock ONCE, and time from that
// advance call to the last `message.*` event a local receiver gets. Every delivery's signature
// is checked with the `standardwebhooks` package (the receiver a partner would write), so a
// badly signed event is counted as such, not as received. Expected: 4 events per message
// (queued, routed, sent, delivered) = 4,000. Target: ≤ 3 s.
//
// Until the simulator has messages (`POST /v3/messages` or `POST /v3/webhooks` answers 404 or
// 501) it reports `skipped` with the reason, and no figure.
//
//   node bench/event-drain.mjs                          (starts its own simulator: dist/cli.js)
//   node bench/event-drain.mjs --url http://127.0.0.1:4010 --key sk_test_…   (a running one)
//   import { eventDrain } from './event-drain.mjs'      (bench/run.mjs)
import http from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { HOST, installCleanup, requestJson, withOwnSimulator } from './lib.mjs';

const NOT_SIMULATED = new Set([404, 501]);

/** The i-th recipient: +1 415 2xx xxxx, distinct for i < 10,000,000. */
const recipient = (i) => `+1415${String(2_000_000 + i).padStart(7, '0')}`;

/**
 * @param {object} o
 * @param {string} o.baseUrl  e.g. http://127.0.0.1:4010 (the simulator; /_sim must be on)
 * @param {string} o.key      an sk_test_ key (its tenant receives the messages)
 */
export async function eventDrain({ baseUrl, key, messages = 1_000, batch = 100, timeoutMs = 30_000, log = console.log }) {
  const { hostname, port } = new URL(baseUrl);
  if (hostname !== HOST && hostname !== 'localhost') throw new Error(`event drain talks to 127.0.0.1 only, not ${hostname}`);
  const headers = { 'x-api-key': key };
  const expected = messages * 4;

  // The receiver: verifies each delivery, counts message.* events, notes when the last came.
  let webhook;
  const stats = { deliveries: 0, verified: 0, badSignature: 0, messageEvents: 0, otherEvents: 0, types: {}, firstError: null, lastEventAt: 0 };
  let reachedAll;
  const allReceived = new Promise((resolve) => (reachedAll = resolve));
  const receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.end();
      stats.deliveries++;
      const payload = Buffer.concat(chunks).toString('utf8');
      let event;
      try {
        event = webhook.verify(payload, {
          'webhook-id': req.headers['x-webhook-id'],
          'webhook-timestamp': req.headers['x-webhook-timestamp'],
          'webhook-signature': req.headers['x-webhook-signature'],
        });
        stats.verified++;
      } catch (err) {
        stats.badSignature++;
        stats.firstError ??= err.message;
        // Counted towards the total, so a drain with bad signatures ends (and is reported as
        // such) instead of waiting for the timeout.
        if (stats.messageEvents + stats.badSignature >= expected) reachedAll();
        return;
      }
      for (const e of Array.isArray(event) ? event : [event]) {
        const type = String(e?.type ?? e?.event_type ?? e?.event ?? 'unknown');
        stats.types[type] = (stats.types[type] ?? 0) + 1;
        if (type.startsWith('message.')) {
          stats.messageEvents++;
          stats.lastEventAt = performance.now();
        } else stats.otherEvents++;
      }
      if (stats.messageEvents + stats.badSignature >= expected) reachedAll();
    });
  });
  await new Promise((resolve) => receiver.listen(0, HOST, resolve));
  const endpointUrl = `http://${HOST}:${receiver.address().port}/events`;
  const skipped = (reason) => {
    log(`  event drain: skipped: ${reason}`);
    return { skipped: reason, messages, expectedEvents: expected };
  };
  try {
    // A body-less probe first: an operation that is not there answers 404 (not in the spec) or
    // 501 (in the spec, not simulated); one that is answers a validation error, and sends nothing.
    const probe = await requestJson({ port, method: 'POST', path: '/v3/messages', headers, body: {} });
    if (NOT_SIMULATED.has(probe.status)) return skipped(`POST /v3/messages not simulated yet (HTTP ${probe.status})`);
    const hook = await requestJson({ port, method: 'POST', path: '/v3/webhooks', headers, body: { display_name: 'bench event drain', endpoint_url: endpointUrl, event_types: ['message'] } });
    if (NOT_SIMULATED.has(hook.status)) return skipped(`POST /v3/webhooks not simulated yet (HTTP ${hook.status})`);
    const secret = hook.json?.data?.signing_secret;
    if (hook.status >= 300 || typeof secret !== 'string') throw new Error(`POST /v3/webhooks: HTTP ${hook.status}, no data.signing_secret: ${hook.body.toString('utf8').slice(0, 300)}`);
    webhook = new Webhook(secret);

    const sendStarted = performance.now();
    const sendStatuses = {};
    for (let first = 0; first < messages; first += batch) {
      const to = Array.from({ length: Math.min(batch, messages - first) }, (_, k) => recipient(first + k));
      const sent = await requestJson({ port, method: 'POST', path: '/v3/messages', headers, body: { to, text: 'Your bench code is 123456', channel: ['sms'] }, timeoutMs: 60_000 });
      sendStatuses[sent.status] = (sendStatuses[sent.status] ?? 0) + 1;
      if (first === 0 && NOT_SIMULATED.has(sent.status)) return skipped(`POST /v3/messages not simulated yet (HTTP ${sent.status})`);
      if (sent.status >= 300) throw new Error(`POST /v3/messages: HTTP ${sent.status}: ${sent.body.toString('utf8').slice(0, 300)}`);
    }
    const sendMs = performance.now() - sendStarted;

    const started = performance.now();
    const advance = await requestJson({ port, method: 'POST', path: '/_sim/clock/advance', headers, body: { seconds: 60 }, timeoutMs });
    const advanceAnsweredMs = performance.now() - started;
    if (advance.status >= 300) throw new Error(`POST /_sim/clock/advance: HTTP ${advance.status}: ${advance.body.toString('utf8').slice(0, 300)}`);
    const timedOut = await Promise.race([allReceived.then(() => false), new Promise((r) => setTimeout(() => r(true), timeoutMs).unref())]);
    const drainMs = timedOut ? Infinity : Math.max(0, stats.lastEventAt - started);
    const result = { messages, expectedEvents: expected, sendMs, sendStatuses, advanceAnsweredMs, drainMs, timedOut, ...stats };
    log(
      `  event drain: ${messages} messages sent in ${(sendMs / 1000).toFixed(1)} s; ${stats.messageEvents}/${expected} message events ` +
        `(${stats.verified} deliveries verified, ${stats.badSignature} bad signatures)${timedOut ? `, TIMED OUT after ${timeoutMs} ms` : `, last ${drainMs.toFixed(0)} ms after the advance`}`,
    );
    return result;
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}

/** Starts a simulator (--no-demo), runs the drain against it, stops it. */
export function eventDrainOwnServer({ messages = 1_000, log = console.log } = {}) {
  return withOwnSimulator({ extraArgs: ['--no-demo'], keyPrefix: 'sk_test_bench_events' }, (baseUrl, key) => eventDrain({ baseUrl, key, messages, log }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installCleanup();
  const { values } = parseArgs({ options: { url: { type: 'string' }, key: { type: 'string' }, messages: { type: 'string' } } });
  const messages = Number(values.messages ?? 1_000);
  const result = values.url
    ? await eventDrain({ baseUrl: values.url, key: values.key ?? `sk_test_bench_events_${Date.now().toString(36)}`, messages })
    : await eventDrainOwnServer({ messages });
  console.log(JSON.stringify(result));
}
