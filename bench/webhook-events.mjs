// Webhook events: 4,000 events (400 with BENCH_QUICK=1) delivered to ONE local receiver that
// verifies every signature with `standardwebhooks`, as a partner's receiver would. Two runs:
//   live    — 4,000 `POST /_sim/events` (64 at a time, each answered once its first attempt is
//             made): time from the first publish to the last verified event at the receiver;
//   drain   — 4,000 events held by the `events-delayed` scenario, then ONE clock advance:
//             time from the advance to the last verified event.
// Run alone: `npm run build && node bench/webhook-events.mjs`.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { HOST, QUICK, freePort, installCleanup, requestJson, runPool, spawnSim, stopChild, waitForStatus } from './lib.mjs';

async function receiverFor(count) {
  let verifier = null;
  let received = 0;
  let invalid = 0;
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        verifier.verify(Buffer.concat(chunks).toString('utf8'), {
          'webhook-id': req.headers['x-webhook-id'],
          'webhook-timestamp': req.headers['x-webhook-timestamp'],
          'webhook-signature': req.headers['x-webhook-signature'],
        });
      } catch {
        invalid++;
      }
      res.end();
      if (++received === count) finish(performance.now());
    });
  });
  await new Promise((r) => server.listen(0, HOST, r));
  return {
    url: `http://${HOST}:${server.address().port}/events`,
    setSecret: (secret) => (verifier = new Webhook(secret)),
    done,
    stats: () => ({ received, invalid }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

async function run(port, mode, count, log) {
  const receiver = await receiverFor(count);
  const headers = { 'x-api-key': `sk_test_webhooks_${mode}_${Date.now()}` };
  try {
    await requestJson({ port, path: '/v3/webhooks/event-types', headers });
    const created = await requestJson({ port, method: 'POST', path: '/v3/webhooks', headers, body: { display_name: 'Bench', endpoint_url: receiver.url, event_types: ['message'] } });
    receiver.setSecret(created.json.data.signing_secret);
    const publishHeaders = mode === 'drain' ? { ...headers, 'x-sim-scenario': 'events-delayed' } : headers;
    const started = performance.now();
    const published = await runPool({
      port,
      total: count,
      concurrency: 64,
      makeRequest: () => ({ method: 'POST', path: '/_sim/events', headers: publishHeaders, body: { event: 'message.delivered' } }),
    });
    const publishedMs = performance.now() - started;
    let from = started;
    let advanceMs = null;
    if (mode === 'drain') {
      from = performance.now();
      await requestJson({ port, method: 'POST', path: '/_sim/clock/advance', headers, body: { seconds: 600 }, timeoutMs: 120_000 });
      advanceMs = performance.now() - from;
    }
    const last = await Promise.race([receiver.done, new Promise((r) => setTimeout(() => r(null), 120_000))]);
    const totalMs = last === null ? Infinity : last - from;
    const result = { mode, count, statuses: published.statuses, publishedMs, advanceMs, totalMs, ...receiver.stats() };
    log(
      `  webhook events (${mode}): ${result.received}/${count} received, ${result.invalid} failed verification; ` +
        `publishing took ${publishedMs.toFixed(0)} ms; last event ${totalMs.toFixed(0)} ms after ${mode === 'drain' ? 'the advance' : 'the first publish'}` +
        (advanceMs === null ? '' : ` (advance answered in ${advanceMs.toFixed(0)} ms)`) +
        ` — ${(count / (totalMs / 1000)).toFixed(0)} events/s`,
    );
    return result;
  } finally {
    await receiver.close();
  }
}

export async function webhookEvents({ count = QUICK ? 400 : 4_000, log = console.log } = {}) {
  const port = await freePort();
  const sim = spawnSim(port, { extraArgs: ['--no-demo'], extraNodeArgs: process.env.WEBHOOK_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.WEBHOOK_CPU_PROF] : [] });
  try {
    await waitForStatus(sim, port, { headers: { 'x-api-key': 'sk_test_webhooks_wait' } });
    return { live: await run(port, 'live', count, log), drain: await run(port, 'drain', count, log) };
  } finally {
    await stopChild(sim);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  installCleanup();
  const result = await webhookEvents();
  console.log(JSON.stringify(result, null, 2));
}
