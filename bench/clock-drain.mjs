// Clock drain: N profiles accepted for completion, then ONE `POST /_sim/clock/advance`; measures the
// time until all N callbacks have reached a local receiver (the advance answers only after its
// deliveries finished, so both are reported). Target: 10,000 callbacks in ≤ 3 s.
// Run alone: `npm run build && node bench/clock-drain.mjs` (BENCH_QUICK=1 for 1,000).
import http from 'node:http';
import { HOST, QUICK, freePort, installCleanup, requestJson, runPool, spawnSim, stopChild, waitForStatus } from './lib.mjs';

const brand = { contact: { name: 'Bench Owner' }, compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'TECHNOLOGY' } };

export async function clockDrain({ count = QUICK ? 1_000 : 10_000, log = console.log } = {}) {
  let received = 0;
  let allReceived;
  const done = new Promise((resolve) => (allReceived = resolve));
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.end();
      if (++received === count) allReceived(performance.now());
    });
  });
  await new Promise((r) => receiver.listen(0, HOST, r));
  const hook = `http://${HOST}:${receiver.address().port}/callback`;
  const port = await freePort();
  const sim = spawnSim(port, { extraArgs: ['--no-demo'], extraNodeArgs: process.env.DRAIN_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.DRAIN_CPU_PROF] : [] });
  const key = `sk_test_drain_${Date.now()}`;
  const headers = { 'x-api-key': key };
  try {
    await waitForStatus(sim, port, { headers });
    // An hour of processing, so no job falls due in real time while the 10,000 are being accepted.
    await requestJson({ port, method: 'PATCH', path: '/_sim/tenant', headers, body: { brand, campaigns: 1, settings: { processing_delay_seconds: 3600 } } });
    const ids = [];
    const created = await runPool({
      port,
      total: count,
      concurrency: 32,
      makeRequest: (i) => ({ method: 'POST', path: '/v3/profiles', headers, body: { name: `Drain ${i}`, short_name: 'DRAIN', description: 'clock drain', inherit_tcr_brand: true, inherit_tcr_campaign: true } }),
    });
    const list = await requestJson({ port, path: '/v3/profiles', headers });
    for (const p of list.json.data.profiles) ids.push(p.id);
    const accepted = await runPool({
      port,
      total: ids.length,
      concurrency: 32,
      makeRequest: (i) => ({ method: 'POST', path: `/v3/profiles/${ids[i]}/complete`, headers, body: { webHookUrl: hook } }),
    });
    log(`  clock drain: ${ids.length} profiles (${JSON.stringify(created.statuses)}), completions ${JSON.stringify(accepted.statuses)}`);
    const started = performance.now();
    const advance = await requestJson({ port, method: 'POST', path: '/_sim/clock/advance', headers, body: { seconds: 3600 }, timeoutMs: 120_000 });
    const answeredMs = performance.now() - started;
    const lastCallback = await Promise.race([done, new Promise((r) => setTimeout(() => r(null), 60_000).unref())]);
    const drainMs = lastCallback === null ? Infinity : lastCallback - started;
    const result = { count: ids.length, fired: advance.json?.fired?.length ?? 0, received, advanceAnsweredMs: answeredMs, drainMs };
    log(`  clock drain: fired ${result.fired}, received ${received}/${count}, all callbacks in ${drainMs.toFixed(0)} ms, advance answered in ${answeredMs.toFixed(0)} ms`);
    return result;
  } finally {
    await stopChild(sim);
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  installCleanup();
  const result = await clockDrain();
  console.log(JSON.stringify(result));
}
