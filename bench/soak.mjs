// Soak benchmark (issue 9): a steady mixed load on the compiled simulator, with its RSS sampled
// every second; reports the least-squares slope of RSS over time (it must be flat).
//
//   npm run soak                                             (5 minutes at 200 req/s)
//   SOAK_SECONDS=60 SOAK_RATE=200 node bench/soak.mjs
//
// Not a vitest test (no .test. in the name). The load: a few tenants, each creating, reading,
// patching, listing, completing (callbacks go to a receiver on a thread of its own), deleting profiles
// and advancing its clock; the control plane (tenant view pages, journal, deliveries, export and
// re-import, settings, keys); the inspector's stream (issue 25 row 4: opened, dropped, and past its
// cap; row 6: a reader that stalls); webhook fan-out (row 1: sends to three webhooks each, and
// sends past --max-send-fanout); hostile imports (row 7); Idempotency-Keys; hostile inputs of issue 15 (deep nesting, too many
// members, overlong strings and URLs, broken JSON, a clock sent past year 9999, forged imports),
// each of which must be refused with a 4xx; and throwaway tenants made and deleted. A tenant is
// reset once it has made 100 profiles, so the working set is bounded and any growth of RSS is the
// simulator's, not the data's. Any 5xx or dropped connection counts as a server error. The child
// is killed on exit, SIGINT and SIGTERM. The last line of stdout is the result as JSON.
import { spawn } from 'node:child_process';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib.mjs';
import { fanout, hostileImport, stalledStream, stream } from './support/soak-ops.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 200);
const TENANTS = 8;
const MAX_IN_FLIGHT = 256;
// A reset clears the tenant's profiles, journal and delivery log: with ~5 creates/s per tenant the
// working set cycles every ~20 s, so after the first cycle it is steady and RSS should be too.
const PROFILES_BEFORE_RESET = 100;
// The first cycles fill that working set: left out of the "after warm-up" slope.
const WARM_UP_SECONDS = Math.min(SECONDS / 2, Math.max(30, SECONDS * 0.2));

const log = (msg) => process.stderr.write(`${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}


function rssKb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return num / den;
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);

// ---------------------------------------------------------------------------------------------
// The child, always cleaned up.
// ---------------------------------------------------------------------------------------------
if (newestMtime(path.join(ROOT, 'src')) > statSync(CLI).mtimeMs) log('warning: src/ is newer than dist/ — run `npm run build` first to soak the current code');
const port = await freePort();
// --expose-gc and the figures' heap hook (a full GC and one JSON line on SIGUSR2, nothing else):
// every 30 s the run reads what the process holds after a GC, not only its RSS, which also counts
// garbage not yet collected and freed pages the allocator keeps.
const HEAP_HOOK = new URL('../scripts/support/heap-on-signal.mjs', import.meta.url).href;
// --max-send-fanout 2000: the fan-out op's send past the cap is refused whatever webhooks its tenant has then.
const child = spawn(process.execPath, ['--expose-gc', '--import', HEAP_HOOK, CLI, 'serve', '--port', String(port), '--host', '127.0.0.1', '--log-format', 'json', '--max-send-fanout', '2000'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stdout.resume(); // one JSON log line per request: drained, never read
let stderr = '';
const held = [];
child.stderr.on('data', (c) => {
  stderr = (stderr + c).slice(-4000);
  for (const line of String(c).split('\n')) {
    if (!line.includes('heap_probe')) continue;
    const m = JSON.parse(line);
    held.push([performance.now(), m.heapUsedMiB + m.externalMiB]);
  }
});
let exited = false;
child.once('exit', () => (exited = true));
const kill = () => {
  if (!exited) child.kill('SIGKILL');
};
process.on('exit', kill);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    kill();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Client side: keep-alive agent, a callback receiver, the tenants.
// ---------------------------------------------------------------------------------------------
// An idle socket is dropped before the server's keep-alive timeout (5 s), as undici and the SDK
// do: Node's agent honours the server's `Keep-Alive: timeout=5` hint (less 1 s) only when it has
// a timeout of its own. Without one, a socket idle exactly 5 s can be reused while the server
// closes it: an ECONNRESET that is the client's race, not a server fault (seen once in 60,000).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 60_000 });
// Callbacks and webhook events go to a receiver on a thread of its own: in this busy process its
// answers would wait behind the load, and every clock advance waits for its deliveries.
const receiver = new Worker(
  `const http = require('node:http');
   const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(204).end()); });
   server.listen(0, '127.0.0.1', () => require('node:worker_threads').parentPort.postMessage(server.address().port));`,
  { eval: true },
);
const webHookUrl = `http://127.0.0.1:${await new Promise((r) => receiver.once('message', r))}/callback`;

/** The first client-side errors (status 0), with what was asked; readiness polling is not counted. */
const errors = [];
let counting = false;
let keepAliveRetries = 0;
function call(key, method, urlPath, body, extraHeaders = {}, retried = false) {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: { 'x-api-key': key, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...extraHeaders },
        timeout: 10_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            // counted by status
          }
          resolve({ status: res.statusCode, json, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      // The keep-alive race Node's docs describe: a socket the server closed as idle, picked for a new
      // request by a client lagging under the load. Sent again once on a fresh socket, and counted.
      if (req.reusedSocket && err.code === 'ECONNRESET' && !retried) {
        keepAliveRetries++;
        resolve(call(key, method, urlPath, body, extraHeaders, true));
        return;
      }
      if (counting && errors.length < 10) errors.push(`${method} ${urlPath.slice(0, 80)}: ${err.message}`);
      resolve({ status: 0, error: err.message, ms: performance.now() - started });
    });
    req.end(payload);
  });
}

const run = Math.random().toString(36).slice(2, 8);
const brand = {
  contact: { name: 'Soak Test', businessName: 'Soak Corp', email: 'soak@example.com' },
  compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'TECHNOLOGY', isTcrApplication: false },
};
const tenants = Array.from({ length: TENANTS }, (_, i) => ({ key: `sk_test_soak_${run}_${i}`, live: [], made: 0, resetting: false }));

for (let i = 0; ; i++) {
  if (exited) throw new Error(`the simulator exited: ${stderr}`);
  const res = await call(tenants[0].key, 'GET', '/v3/profiles');
  if (res.status === 200) break;
  if (i > 100) throw new Error(`the simulator did not start: ${stderr}`);
  await sleep(100);
}
for (const t of tenants) await call(t.key, 'PATCH', '/_sim/tenant', { brand, campaigns: 1 });

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** Issue 15's hostile inputs, built once: each must be refused with the status given. */
const HOSTILE = [
  { label: 'deep', method: 'POST', path: '/v3/profiles', body: `{"name":"x","brand":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, status: 400 },
  { label: 'members', method: 'POST', path: '/v3/profiles', body: `{"name":"x","junk":{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}}`, status: 400 },
  { label: 'string', method: 'POST', path: '/v3/profiles', body: JSON.stringify({ name: 'x', junk: 'x'.repeat(20_000) }), status: 400 },
  { label: 'name', method: 'POST', path: '/v3/profiles', body: JSON.stringify({ name: 'n'.repeat(300) }), status: 400 },
  { label: 'url', method: 'GET', path: `/v3/profiles?q=${'x'.repeat(3000)}`, status: 414 },
  { label: 'json', method: 'POST', path: '/v3/profiles', body: '{"name":', status: 400 },
  { label: 'clock', method: 'POST', path: '/_sim/clock/advance', body: JSON.stringify({ seconds: 1e20 }), status: 400 },
  { label: 'import-clock', method: 'POST', path: '/_sim/import', body: JSON.stringify({ format: 'sent-sim-tenant/2', clock_offset_ms: 1e20, organization: {}, settings: {}, collections: {} }), status: 400 },
  { label: 'import-deep', method: 'POST', path: '/_sim/import', body: `{"format":"sent-sim-tenant/2","x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`, status: 400 },
  { label: 'idempotency-key', method: 'POST', path: '/v3/profiles', body: JSON.stringify({ name: 'x' }), headers: { 'idempotency-key': 'not valid!' }, status: 400 },
  { label: 'unknown-key', method: 'GET', path: '/v3/profiles', key: 'not_a_key', status: 401 },
  { label: 'long-key', method: 'GET', path: '/v3/profiles', key: `sk_test_${'k'.repeat(300)}`, status: 401 },
];
const hostileOutcomes = {};

/** One hostile request; anything but the expected refusal is counted. */
async function hostile(t) {
  const h = pick(HOSTILE);
  const res = await call(h.key ?? t.key, h.method, h.path, h.body, h.headers);
  const outcome = res.status === h.status ? 'refused as expected' : `UNEXPECTED ${res.status}`;
  hostileOutcomes[`${h.label}: ${outcome}`] = (hostileOutcomes[`${h.label}: ${outcome}`] ?? 0) + 1;
  return { ...res, op: `hostile-${h.label}` };
}

let throwaway = 0;
/** A tenant made by its first request and deleted again, as a test run on a shared simulator does. */
async function churn() {
  const key = `sk_test_soak_${run}_throwaway_${throwaway++}`;
  const res = await call(key, 'POST', '/v3/profiles', { name: 'Throwaway' });
  if (res.status !== 201) return { ...res, op: 'churn-create' };
  return { ...(await call(key, 'DELETE', '/_sim/tenant')), op: 'churn-delete' };
}

/** The tenant's own export, imported back: the same state, through the whole snapshot path. */
async function reimport(t) {
  const exported = await call(t.key, 'GET', '/_sim/export');
  if (exported.status !== 200) return { ...exported, op: 'export' };
  return { ...(await call(t.key, 'POST', '/_sim/import', exported.json)), op: 'import' };
}

/** What the issue 25 operations (bench/support/soak-ops.mjs) need of the soak. */
const ctx = {
  port,
  call,
  note: (label, outcome) => (hostileOutcomes[`${label}: ${outcome}`] = (hostileOutcomes[`${label}: ${outcome}`] ?? 0) + 1),
  clientError: (message) => {
    if (counting && errors.length < 10) errors.push(message);
  },
};

/**
 * One request of the mix; returns its result. Weights: create 16, get 19, patch 14, list 8,
 * complete 6, delete 5, advance 5, control-plane reads 6, export+import 2, settings 2, keys 1,
 * idempotent create 3, hostile 7, streams 1, tenant churn 2, and issue 25's: webhook fan-out 1.5,
 * a stalled stream 0.5, hostile imports 1.
 */
async function step(t) {
  if (t.made >= PROFILES_BEFORE_RESET && !t.resetting) {
    t.resetting = true;
    await call(t.key, 'POST', '/_sim/reset');
    const res = await call(t.key, 'PATCH', '/_sim/tenant', { brand, campaigns: 1 });
    t.live = [];
    t.made = 0;
    t.webhooks = 0;
    t.resetting = false;
    return { ...res, op: 'reset' };
  }
  const r = Math.random() * 100;
  const id = pick(t.live);
  if (r < 16 || !id) {
    t.made++;
    const res = await call(t.key, 'POST', '/v3/profiles', { name: `Soak ${t.made}`, short_name: 'SOAK', description: 'Soak profile' });
    if (res.status === 201) t.live.push(res.json.data.id);
    return { ...res, op: 'create' };
  }
  if (r < 35) return { ...(await call(t.key, 'GET', `/v3/profiles/${id}`)), op: 'get' };
  if (r < 36.5) return fanout(ctx, t, webHookUrl);
  if (r < 37) return stalledStream(ctx, t);
  if (r < 38) return hostileImport(ctx, t);
  if (r < 52) return { ...(await call(t.key, 'PATCH', `/v3/profiles/${id}`, { description: `Patched ${Date.now()}` })), op: 'patch' };
  if (r < 60) return { ...(await call(t.key, 'GET', '/v3/profiles')), op: 'list' };
  if (r < 66) return { ...(await call(t.key, 'POST', `/v3/profiles/${id}/complete`, { webHookUrl })), op: 'complete' };
  if (r < 71) {
    t.live = t.live.filter((x) => x !== id);
    return { ...(await call(t.key, 'DELETE', `/v3/profiles/${id}`)), op: 'delete' };
  }
  if (r < 76) return { ...(await call(t.key, 'POST', '/_sim/clock/advance', { seconds: 5 })), op: 'advance' };
  if (r < 82) return { ...(await call(t.key, 'GET', pick(['/_sim/tenant?page=1&page_size=50', '/_sim/requests', '/_sim/deliveries', '/_sim/callbacks']))), op: 'control-read' };
  if (r < 84) return reimport(t);
  if (r < 86) return { ...(await call(t.key, 'PATCH', '/_sim/tenant', { settings: { processing_delay_seconds: 2, callback_max_attempts: pick([1, 2]) } })), op: 'settings' };
  if (r < 87) return { ...(await call(t.key, 'POST', '/_sim/tenant/keys', { role: pick(['developer', 'billing']) })), op: 'key' };
  if (r < 90) {
    t.made++;
    const res = await call(t.key, 'POST', '/v3/profiles', { name: `Idem ${t.made}` }, { 'idempotency-key': `soak-${t.made}` });
    if (res.status === 201 && res.json?.data?.id && !t.live.includes(res.json.data.id)) t.live.push(res.json.data.id);
    return { ...res, op: 'idempotent-create' };
  }
  if (r < 97) return hostile(t);
  if (r < 98) return stream(ctx, t);
  return churn();
}

// ---------------------------------------------------------------------------------------------
// The run: a steady rate, RSS every second.
// ---------------------------------------------------------------------------------------------
const statuses = {};
const latencies = [];
let issued = 0;
let inFlight = 0;
let skipped = 0;
const samples = [];
const started = performance.now();
counting = true;
const sampler = setInterval(() => {
  const t = (performance.now() - started) / 1000;
  samples.push([t, rssKb(child.pid)]);
  if (samples.length % 30 === 0) {
    child.kill('SIGUSR2');
    log(`soak: ${Math.round(t)} s, ${issued} requests, RSS ${(samples.at(-1)[1] / 1024).toFixed(1)} MiB, held after GC ${held.at(-1)?.[1] ?? '…'} MiB`);
  }
}, 1000);

await new Promise((resolve) => {
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed >= SECONDS || exited) {
      clearInterval(ticker);
      resolve();
      return;
    }
    const due = Math.floor(elapsed * RATE) - issued - skipped;
    for (let i = 0; i < due; i++) {
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped++; // the simulator is not keeping up: counted, not queued without bound
        continue;
      }
      issued++;
      inFlight++;
      void step(tenants[issued % TENANTS]).then((res) => {
        inFlight--;
        const k = `${res.op} ${res.status}`;
        statuses[k] = (statuses[k] ?? 0) + 1;
        if (latencies.length < 2_000_000) latencies.push(res.ms);
      });
    }
  }, 10);
});
clearInterval(sampler);
while (inFlight > 0) await sleep(20);
const alive = !exited;
kill();
agent.destroy();
await receiver.terminate();

const rss = samples.map((s) => s[1]);
const warm = samples.filter(([t]) => t >= WARM_UP_SECONDS);
const perSecond = slope(samples);
latencies.sort((a, b) => a - b);
const result = {
  seconds: SECONDS,
  targetRate: RATE,
  requests: issued,
  achievedRate: Number((issued / SECONDS).toFixed(1)),
  skipped,
  serverErrors: Object.entries(statuses).filter(([k]) => / (0|5\d\d)$/.test(k)).reduce((s, [, v]) => s + v, 0),
  statuses,
  latencyMs: { p50: Number(percentile(latencies, 0.5).toFixed(2)), p99: Number(percentile(latencies, 0.99).toFixed(2)), max: Number(latencies.at(-1)?.toFixed(2)) },
  rssSamples: samples.length,
  rssStartMiB: Number((rss[0] / 1024).toFixed(1)),
  rssEndMiB: Number((rss.at(-1) / 1024).toFixed(1)),
  rssMaxMiB: Number((Math.max(...rss) / 1024).toFixed(1)),
  slopeKBps: Number(perSecond.toFixed(3)),
  slopeMiBOverRun: Number(((perSecond * SECONDS) / 1024).toFixed(2)),
  warmUpSeconds: WARM_UP_SECONDS,
  slopeAfterWarmUpKBps: Number(slope(warm).toFixed(3)),
  slopeAfterWarmUpMiBOverRun: Number(((slope(warm) * (SECONDS - WARM_UP_SECONDS)) / 1024).toFixed(2)),
  /** RSS at every 10th second, to see the shape behind the slope. */
  rssMiBEvery10s: samples.filter((_, i) => i % 10 === 9).map(([, kb]) => Number((kb / 1024).toFixed(1))),
  simulatorAlive: alive,
  /** Heap + external after a full GC, every 30 s: what the process holds. */
  heldMiBEvery30s: held.map(([, mib]) => Number(mib.toFixed(1))),
  heldSlopeAfterWarmUpKBps: Number((slope(held.map(([at, mib]) => [(at - started) / 1000, mib * 1024]).filter(([t]) => t >= WARM_UP_SECONDS)) || 0).toFixed(3)),
  clientErrors: errors,
  keepAliveRetries,
  hostile: hostileOutcomes,
  unexpectedHostile: Object.entries(hostileOutcomes).filter(([k]) => k.includes('UNEXPECTED')).reduce((n, [, v]) => n + v, 0),
};
log(
  `soak: ${result.requests} requests in ${SECONDS} s (${result.achievedRate}/s), ${result.serverErrors} 5xx/errors; ` +
    `RSS ${result.rssStartMiB} → ${result.rssEndMiB} MiB (max ${result.rssMaxMiB}); slope ${result.slopeKBps} KB/s ` +
    `(${result.slopeMiBOverRun} MiB over the run), after warm-up ${result.slopeAfterWarmUpKBps} KB/s; held after GC ${result.heldMiBEvery30s.join(' → ')} MiB`,
);
console.log(JSON.stringify(result));
process.exit(alive && result.serverErrors === 0 && result.unexpectedHostile === 0 ? 0 : 1);
