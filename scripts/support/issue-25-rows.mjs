// Issue 25 rows 1, 2, 6 and 7, re-measured the way the issue measured them (another tenant's
// latency, what the process holds after a full GC, whether it is still alive), for
// scripts/issue-25-figures.mjs. Each row starts its own simulator through `start`. All traffic
// stays on 127.0.0.1.
import http from 'node:http';
import net from 'node:net';
import { call, pct, pool, safe, sleep, tally } from './figures.mjs';

/** A receiver on 127.0.0.1 answering every request with `status`; `count()` is how many it took. */
async function receiver(status) {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => (count++, res.writeHead(status).end()));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, count: () => count, close: () => (server.closeAllConnections(), server.close()) };
}

const numbers = (n) => Array.from({ length: n }, (_, i) => `+1415${String(5_000_000 + i).padStart(7, '0')}`);
const webhook = (url, extra = {}) => ({ display_name: 'Figures', endpoint_url: url, event_types: ['message'], ...extra });

/** Another tenant's `GET /v3/me`, one at a time every 100 ms on a connection of its own, until `stop()`: its latencies. */
function probe(port, key) {
  const via = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ms = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const res = await safe(call(port, 'GET', '/v3/me', { key, via, timeout: 120_000 }));
      ms.push(res.status === 200 ? res.ms : 120_000);
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      via.destroy();
      const sorted = ms.sort((a, b) => a - b);
      return { samples: sorted.length, p50Ms: pct(sorted, 0.5), p99Ms: pct(sorted, 0.99), maxMs: Math.round(sorted.at(-1) ?? NaN) };
    },
  };
}

/** What the process is and holds now. */
async function memory(sim) {
  if (!sim.alive()) return { alive: false };
  return { alive: true, rssMiB: sim.rssMiB(), heldAfterGcMiB: await sim.retainedMiB() };
}

const code = (res) => `${res.status} ${res.json?.error?.code ?? res.json?.code ?? res.error ?? ''}`.trim();

export function rows(start) {
  return {
    /** 1,000 webhooks and one send to 1,000 numbers; then the largest send the caps admit, delivered, while another tenant reads. */
    async 1() {
      const hook = await receiver(204);
      const sim = await start(['--no-demo']);
      const key = 'sk_test_issue25_row1';
      const before = await memory(sim);
      const made = tally(await pool(1000, 8, () => safe(call(sim.port, 'POST', '/v3/webhooks', { key, body: webhook(hook.url) }))));
      const other = probe(sim.port, 'sk_test_issue25_row1_other');
      const huge = await safe(call(sim.port, 'POST', '/v3/messages', { key, body: { to: numbers(1000), channel: ['sms'], text: 'Hello' }, timeout: 300_000 }));
      const hugeAdvance = sim.alive() ? await safe(call(sim.port, 'POST', '/_sim/clock/advance', { key, body: { seconds: 10 }, timeout: 300_000 })) : { status: 0 };
      const afterHuge = await memory(sim);
      // The most one send may make now: 100 webhooks × 100 numbers = 10,000 deliveries of each event.
      const admitted = await safe(call(sim.port, 'POST', '/v3/messages', { key, body: { to: numbers(100), channel: ['sms'], text: 'Hello' } }));
      const started = performance.now();
      const advance = await safe(call(sim.port, 'POST', '/_sim/clock/advance', { key, body: { seconds: 10 }, timeout: 600_000 }));
      const advanceMs = Math.round(performance.now() - started);
      const otherDuring = await other.stop();
      const after = await memory(sim);
      await sim.stop();
      hook.close();
      return {
        webhookCreates: made,
        sendTo1000: code(huge),
        advanceAfterIt: code(hugeAdvance),
        sendTo100: code(admitted),
        advanceDeliveringIt: { status: advance.status, ms: advanceMs, deliveriesReceived: hook.count() },
        otherTenantGetMeThroughout: otherDuring,
        memory: { before, afterRefusedSend: afterHuge, afterDelivered: after },
      };
    },

    /** A template of as many variables as Sent allows, a 1 KB parameter each, 1,000 recipients; its retry; the largest answer a send may make, and its retry. */
    async 2() {
      const sim = await start(['--no-demo']);
      const key = 'sk_test_issue25_row2';
      const names = Array.from({ length: 45 }, (_, i) => `v${i}`);
      const definition = { body: { multiChannel: { template: `${names.map((_, i) => `a b {{${i}:variable}}`).join(' ')} a b c`, variables: names.map((name, id) => ({ id, name, type: 'variable', props: { variableType: 'text', sample: name } })) } } };
      const template = await call(sim.port, 'POST', '/v3/templates', { key, body: { category: 'UTILITY', language: 'en_US', definition } });
      const before = await memory(sim);
      const body = { to: numbers(1000), channel: ['sms'], template: { id: template.json?.data?.id, parameters: Object.fromEntries(names.map((n) => [n, 'p'.repeat(1024)])) } };
      const send = () => safe(call(sim.port, 'POST', '/v3/messages', { key, body, headers: { 'idempotency-key': 'issue25-row2' }, timeout: 300_000 }));
      const first = await send();
      const retry = sim.alive() ? await send() : { status: 0 };
      const stored = sim.alive() ? (await call(sim.port, 'GET', '/_sim/tenant?page_size=1', { key })).json?.totals?.messages : null;
      const afterAmplified = await memory(sim);
      // The largest answer: 1,000 recipients on all four channels, a 1,000-character text each.
      const big = await call(sim.port, 'POST', '/v3/templates', { key, body: { definition: { body: { multiChannel: { template: 'Hello {{0:variable}} and welcome', variables: [{ id: 0, name: 'name', type: 'variable', props: { variableType: 'text', sample: 'n' } }] } } } } });
      const bigBody = { to: numbers(1000), channel: ['sms', 'whatsapp', 'rcs', 'sent'], template: { id: big.json?.data?.id, parameters: { name: 'n'.repeat(990) } } };
      const bigSend = () => safe(call(sim.port, 'POST', '/v3/messages', { key, body: bigBody, headers: { 'idempotency-key': 'issue25-row2-big' }, timeout: 300_000 }));
      const bigFirst = await bigSend();
      const bigRetry = await bigSend();
      const storedAfterBig = (await call(sim.port, 'GET', '/_sim/tenant?page_size=1', { key })).json?.totals?.messages;
      const after = await memory(sim);
      await sim.stop();
      return {
        requestBytes: JSON.stringify(body).length,
        send: code(first),
        retry: code(retry),
        messagesStored: stored,
        largestAdmitted: { status: bigFirst.status, answerBytes: bigFirst.text?.length ?? JSON.stringify(bigFirst.json ?? {}).length, retry: code(bigRetry), messagesStored: storedAfterBig - stored },
        memory: { before, afterAmplifiedSendAndRetry: afterAmplified, afterLargestAdmitted: after },
      };
    },

    /** 300 events of 640 KB; 300 at the new bound; GET /_sim/deliveries while another tenant reads; 10 streams that never read. */
    async 6() {
      const hook = await receiver(204);
      const sim = await start(['--no-demo']);
      const key = 'sk_test_issue25_row6';
      await call(sim.port, 'POST', '/v3/webhooks', { key, body: webhook(hook.url) });
      const before = await memory(sim);
      const huge = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, 'x'.repeat(10_000)]));
      const events = async (payload, n) => tally(await pool(n, 4, () => safe(call(sim.port, 'POST', '/_sim/events', { key, body: { event: 'message.sent', payload }, timeout: 120_000 }))));
      const hugeEvents = await events(huge, 300);
      const afterHuge = await memory(sim);
      const bound = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, 'x'.repeat(1000)]));
      const boundEvents = await events(bound, 300);
      const afterBound = await memory(sim);
      const quiet = probe(sim.port, 'sk_test_issue25_row6_other');
      await sleep(3000);
      const otherQuiet = await quiet.stop();
      const other = probe(sim.port, 'sk_test_issue25_row6_other');
      await sleep(500);
      const reads = await pool(24, 4, () => safe(call(sim.port, 'GET', '/_sim/deliveries', { key, raw: true, timeout: 120_000 })));
      const otherDuring = await other.stop();
      // Ten streams whose reader never reads, while 300 more events are logged.
      const stalled = await Promise.all(Array.from({ length: 10 }, () => stalledStream(sim.port, key)));
      await events(bound, 300);
      await sleep(1000);
      const withStalled = await memory(sim);
      for (const s of stalled) s.destroy();
      await sleep(500);
      const journal = (await call(sim.port, 'GET', '/_sim/requests', { key, raw: true })).text?.length;
      await sim.stop();
      hook.close();
      return {
        hugeEvents,
        boundEvents,
        getDeliveries: { bytes: reads[0].text?.length ?? null, reads: reads.length, p50Ms: pct(reads.map((r) => r.ms ?? 0).sort((a, b) => a - b), 0.5) },
        otherTenantGetMeQuiet: otherQuiet,
        otherTenantGetMeDuringDeliveryReads: otherDuring,
        journalAnswerBytes: journal,
        memory: { before, after300Huge: afterHuge, after300AtBound: afterBound, with10StalledStreams: withStalled },
      };
    },

    /** 10 imported delivery jobs asking for a million attempts, a 10-year advance; duplicate job keys. */
    async 7() {
      const sim = await start(['--no-demo']);
      const key = 'sk_test_issue25_row7';
      const hook = (await call(sim.port, 'POST', '/v3/webhooks', { key, body: webhook('http://127.0.0.1:9/hook', { retry_count: 5 }) })).json.data.id;
      await call(sim.port, 'POST', '/v3/contacts', { key, body: { phone_number: '+14155550123' } });
      const snap = (await call(sim.port, 'GET', '/_sim/export', { key })).json;
      const job = (maxAttempts) => ({
        id: `job_${Math.random().toString(36).slice(2, 14)}`,
        kind: 'delivery.attempt',
        due_at: snap.exported_at,
        key: null,
        payload: { source: 'webhook', ref: hook, delivery_id: `d_${Math.random().toString(36).slice(2)}`, signature_id: hook, event_type: 'message.sent', url: 'http://127.0.0.1:9/hook', body: '{"field":"message","event":"message.sent","payload":{}}', attempt: 1, max_attempts: maxAttempts, order_key: null, fault: null, scenario: null },
      });
      // The jobs are due at once: the real-time scheduler starts them; the advance then runs every retry.
      const attempts = async () => {
        const log = (await call(sim.port, 'GET', '/_sim/deliveries', { key })).json;
        return (log?.deliveries?.length ?? 0) + (log?.dropped ?? 0);
      };
      const importAndAdvance = async (maxAttempts) => {
        const before = await attempts();
        const imported = await call(sim.port, 'POST', '/_sim/import', { key, body: { ...snap, jobs: Array.from({ length: 10 }, () => job(maxAttempts)) } });
        if (imported.status !== 200) return { status: imported.status, fields: Object.keys(imported.json?.errors ?? {}) };
        await sleep(2000);
        const started = performance.now();
        const res = await safe(call(sim.port, 'POST', '/_sim/clock/advance', { key, body: { seconds: 10 * 365 * 24 * 3600 }, timeout: 900_000 }));
        const ms = Math.round(performance.now() - started);
        await sleep(1000);
        return { status: imported.status, advance10Years: { status: res.status, ms, attemptsMade: (await attempts()) - before } };
      };
      const million = await importAndAdvance(1_000_000);
      const twenty = await importAndAdvance(20);
      const fresh = (await call(sim.port, 'GET', '/_sim/export', { key })).json;
      const dup = (id) => ({ id, kind: 'template.review', due_at: fresh.exported_at, key: 'review:one', payload: { template_id: '00000000-0000-4000-8000-000000000001' } });
      const bad = { ...snap, organization: { ...snap.organization, name: 'Renamed by a bad import' }, collections: { ...snap.collections, contacts: [] }, jobs: [dup('job_a'), dup('job_b')] };
      const duplicate = await call(sim.port, 'POST', '/_sim/import', { key, body: bad });
      const view = (await call(sim.port, 'GET', '/_sim/tenant?page_size=1', { key })).json;
      await sim.stop();
      return {
        importMillionAttempts: million,
        importTwentyAttemptsToAWebhookOfRetryCount5: twenty,
        duplicateKeys: { status: duplicate.status, fields: Object.keys(duplicate.json?.errors ?? {}), organizationAfter: view?.name, contactsAfter: view?.totals?.contacts },
      };
    },
  };
}

/** Opens `/_sim/stream` on a raw socket and never reads it (the kernel's buffers fill, then the simulator's). */
function stalledStream(port, key) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET /_sim/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${key}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => resolve(socket));
  });
}
