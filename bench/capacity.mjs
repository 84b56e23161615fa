// Capacity and growth of the compiled simulator (`serve --no-demo`), each part in a fresh child
// started with --expose-gc and bench/support/gc-on-signal.mjs (SIGUSR2 → gc()), so RSS is read
// after a full GC: the retained size, comparable run to run.
//
// RSS after a full GC still holds V8's young generation (new space): empty after the GC, but
// its pages stay committed, sized by the recent allocation rate (1–32 MiB), so two readings can
// differ by several MiB that no stored object accounts for. Each reading therefore also records
// V8's figures for that GC (support/gc-on-signal.mjs): heap used, and the young generation's
// committed size, and each growth figure is given as RSS and as RSS excluding the young
// generation (stable to a few per cent run to run, where RSS alone swung 7–10 KB per tenant over
// 1,000 tenants).
//
//   profiles  one tenant holding the measured profile plus 0, 10k, 100k others (quick: 0, 1k,
//             10k). The others are created through HTTP, 64 keep-alive connections in flight,
//             every body distinct (distinctCreateBody); the fill time is reported. At each size:
//             RSS after GC, then sequential latency (one keep-alive connection) of GET and PATCH
//             of the measured profile and of the list (`GET /v3/profiles`, every profile: no
//             pagination in the API). RSS per profile = (RSS at size − RSS at 0) / size.
//   tenants   the measured tenant (one profile) alone, then with 10,000 idle tenants besides
//             (quick: 1,000): each made by one `GET /v3/profiles` with a fresh sk_test_ key,
//             which creates a tenant on first use. RSS after GC and GET latency at each;
//             RSS per tenant = (RSS with N − RSS alone) / N.
//   messages  rssPerMessage(baseUrl, …): a hook, skipped ("messages not simulated yet") while
//             `POST /v3/messages` answers 404 or 501.
//
// Before the first reading each child gets a warm-up (sandbox creates: same code path, nothing
// stored, and enough bodies to fill the request journal's body budget), so JIT code and the
// journal's steady size are in the baseline, not counted as profile data.
//
//   node bench/capacity.mjs           (standalone; prints JSON; honours BENCH_QUICK)
//   import { measureCapacity } from './capacity.mjs'   (bench/run.mjs)
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HOST, QUICK, freePort, installCleanup, requestJson, runPool, sequentialLatency, settledRss, sleep, spawnSim, stopChild, waitForStatus } from './lib.mjs';
import { CREATE_BODY, UPDATE_BODY, distinctCreateBody } from './payloads.mjs';

const GC_HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'gc-on-signal.mjs')).href;
const FILL_CONCURRENCY = 64;
/**
 * Warm-up creates (sandbox: nothing stored). For the profile series: ~1 KB each, more than the
 * journal's 4 MiB body budget, and more than a tenant's 500-entry journal ring, so both are at
 * their steady size in the baseline. For the tenant series, idle tenants' GETs carry no body:
 * filling the measured tenant's ring is enough.
 */
const WARM_UP_CREATES = { profiles: 5_000, tenants: 1_000 };
const WARM_UP_SERIES = 90_000_000;

export const SIZES = QUICK ? { profiles: [0, 1_000, 10_000], tenants: [1_000] } : { profiles: [0, 10_000, 100_000], tenants: [10_000] };
/** Sequential samples per operation and size (list is also bounded by time: it grows with the size). */
const SAMPLES = QUICK ? { warmup: 50, samples: 300, listSamples: 20, listMaxMs: 1_000 } : { warmup: 200, samples: 2_000, listSamples: 200, listMaxMs: 12_000 };

const jsonHeaders = (key) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/**
 * RSS after a full GC in the child (SIGUSR2 → gc() twice), minimum of 5 samples (3 quick), with the V8
 * heap figures the child reported for that GC (support/gc-on-signal.mjs, a `bench-gc` line on
 * its stderr): heapUsed (retained JS heap) and newSpaceCommitted (the young generation's pages:
 * empty after a full GC, but still in RSS, sized by recent allocation rate).
 */
async function rssAfterGc(child) {
  const seen = child.gcLines.length;
  process.kill(child.sim.child.pid, 'SIGUSR2');
  const rss = await settledRss(child.sim.child.pid, { settleMs: 500, samples: QUICK ? 3 : 5, gapMs: 150 });
  for (let waited = 0; child.gcLines.length === seen && waited < 5000; waited += 50) await sleep(50);
  const v8 = child.gcLines[seen] ?? {};
  return { rss, heapUsed: v8.heapUsed ?? NaN, newSpaceCommitted: v8.newSpaceCommitted ?? NaN, heapCommitted: v8.heapCommitted ?? NaN };
}

async function startChild() {
  const port = await freePort();
  // Past the default --max-tenants (10,000) when measuring 10,000 idle tenants beside the first.
  const sim = spawnSim(port, { extraNodeArgs: ['--expose-gc', '--import', GC_HOOK], extraArgs: ['--no-demo', '--max-tenants', '1000000'] });
  const child = { port, sim, baseUrl: `http://${HOST}:${port}`, gcLines: [] };
  let pending = '';
  sim.child.stderr.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) if (line.startsWith('bench-gc ')) child.gcLines.push(JSON.parse(line.slice(9)));
  });
  return child;
}

/** The measured tenant's profile, then the warm-up. */
async function prepare(port, key, warmUpCreates) {
  const created = await requestJson({ port, method: 'POST', path: '/v3/profiles', headers: jsonHeaders(key), body: CREATE_BODY });
  if (created.status !== 201) throw new Error(`create: HTTP ${created.status} ${created.body.toString('utf8').slice(0, 300)}`);
  const warm = await runPool({
    port,
    total: warmUpCreates,
    concurrency: FILL_CONCURRENCY,
    makeRequest: (i) => ({ method: 'POST', path: '/v3/profiles', headers: jsonHeaders(key), body: JSON.stringify({ ...distinctCreateBody(WARM_UP_SERIES + i), sandbox: true }) }),
  });
  if (Object.keys(warm.statuses).some((s) => !s.startsWith('2'))) throw new Error(`warm-up (sandbox creates): ${JSON.stringify(warm.statuses)}`);
  return created.json.data.id;
}

function latencyOf(port, key, id, op, { warmup = SAMPLES.warmup } = {}) {
  const auth = { 'x-api-key': key };
  const spec = {
    get: { samples: SAMPLES.samples, make: () => ({ path: `/v3/profiles/${id}`, headers: auth }) },
    patch: { samples: SAMPLES.samples, make: () => ({ method: 'PATCH', path: `/v3/profiles/${id}`, headers: auth, body: UPDATE_BODY }) },
    list: { samples: SAMPLES.listSamples, maxMs: SAMPLES.listMaxMs, make: () => ({ path: '/v3/profiles', headers: auth }) },
  }[op];
  return sequentialLatency({ port, makeRequest: spec.make, samples: spec.samples, warmup: op === 'list' ? 1 : warmup, maxMs: spec.maxMs, minSamples: QUICK ? 3 : 5 });
}

function checkStatuses(label, lat) {
  const bad = Object.keys(lat.statuses).filter((s) => !s.startsWith('2'));
  if (bad.length) throw new Error(`${label}: answered ${JSON.stringify(lat.statuses)}`);
}

const fmtLat = (l) => `${l.median.toFixed(2)}/${l.p99.toFixed(2)} ms`;

/** Profiles in one tenant: 0 → 10k → 100k (quick 0 → 1k → 10k). */
export async function profileGrowth({ sizes = SIZES.profiles, log = console.log } = {}) {
  const child = await startChild();
  const { port, sim } = child;
  const key = `sk_test_bench_cap_${randomBytes(4).toString('hex')}`;
  try {
    await waitForStatus(sim, port, { headers: { 'x-api-key': key } });
    const id = await prepare(port, key, WARM_UP_CREATES.profiles);
    const rows = [];
    let stored = 0;
    let baseline;
    for (const size of sizes) {
      let fill = null;
      if (size > stored) {
        const from = stored;
        const started = performance.now();
        const r = await runPool({
          port,
          total: size - from,
          concurrency: FILL_CONCURRENCY,
          makeRequest: (i) => ({ method: 'POST', path: '/v3/profiles', headers: jsonHeaders(key), body: JSON.stringify(distinctCreateBody(from + i)) }),
        });
        const seconds = (performance.now() - started) / 1000;
        const created = r.statuses[201] ?? 0;
        if (created !== size - from) throw new Error(`fill to ${size}: ${JSON.stringify(r.statuses)}, ${r.errors} errors`);
        stored = size;
        fill = { created, seconds, perSecond: created / seconds };
      }
      const mem = await rssAfterGc(child);
      baseline ??= mem;
      const latency = {};
      for (const op of ['get', 'patch', 'list']) {
        latency[op] = await latencyOf(port, key, id, op);
        checkStatuses(`${op} at ${size}`, latency[op]);
      }
      const row = {
        profiles: size,
        fill,
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        newSpaceBytes: mem.newSpaceCommitted,
        bytesPerProfile: size > 0 ? (mem.rss - baseline.rss) / size : null,
        bytesPerProfileExYoung: size > 0 ? (mem.rss - mem.newSpaceCommitted - (baseline.rss - baseline.newSpaceCommitted)) / size : null,
        heapBytesPerProfile: size > 0 ? (mem.heapUsed - baseline.heapUsed) / size : null,
        latency,
      };
      rows.push(row);
      log(
        `  capacity: ${String(size).padStart(7)} profiles  RSS ${mib(mem.rss)} (V8 heap used ${mib(mem.heapUsed)}, young gen ${mib(mem.newSpaceCommitted)})` +
          `${size > 0 ? ` +${(row.bytesPerProfile / 1024).toFixed(2)} KB RSS/profile (heap ${(row.heapBytesPerProfile / 1024).toFixed(2)} KB)` : ''}` +
          `${fill ? `  filled ${fill.created} in ${fill.seconds.toFixed(1)} s (${Math.round(fill.perSecond)}/s)` : ''}` +
          `  GET ${fmtLat(latency.get)}  PATCH ${fmtLat(latency.patch)}  list ${fmtLat(latency.list)} (n=${latency.list.samples}, ${(latency.list.bytes / 2 ** 20).toFixed(1)} MiB)  [median/p99]`,
      );
    }
    return rows;
  } finally {
    await stopChild(sim, 10_000);
  }
}

/**
 * Idle tenants: the measured tenant alone, then with `counts` idle tenants besides. Also runs
 * the rssPerMessage hook in the same child (after the readings).
 */
export async function tenantGrowth({ counts = SIZES.tenants, log = console.log } = {}) {
  const child = await startChild();
  const { port, sim, baseUrl } = child;
  const run = randomBytes(4).toString('hex');
  const key = `sk_test_bench_ten_${run}`;
  try {
    await waitForStatus(sim, port, { headers: { 'x-api-key': key } });
    const id = await prepare(port, key, WARM_UP_CREATES.tenants);
    const rows = [];
    const alone = await rssAfterGc(child);
    const get0 = await latencyOf(port, key, id, 'get');
    checkStatuses('GET with 1 tenant', get0);
    rows.push({ idleTenants: 0, tenants: 1, rssBytes: alone.rss, heapUsedBytes: alone.heapUsed, newSpaceBytes: alone.newSpaceCommitted, bytesPerTenant: null, bytesPerTenantExYoung: null, heapBytesPerTenant: null, latency: { get: get0 } });
    log(`  capacity: ${String(1).padStart(7)} tenant   RSS ${mib(alone.rss)} (V8 heap used ${mib(alone.heapUsed)}, young gen ${mib(alone.newSpaceCommitted)})  GET ${fmtLat(get0)}`);
    let made = 0;
    for (const count of counts) {
      const from = made;
      const started = performance.now();
      const r = await runPool({
        port,
        total: count - from,
        concurrency: FILL_CONCURRENCY,
        makeRequest: (i) => ({ method: 'GET', path: '/v3/profiles', headers: { 'x-api-key': `sk_test_bench_idle_${run}_${from + i}` } }),
      });
      if ((r.statuses[200] ?? 0) !== count - from) throw new Error(`idle tenants to ${count}: ${JSON.stringify(r.statuses)}, ${r.errors} errors`);
      const seconds = (performance.now() - started) / 1000;
      made = count;
      const mem = await rssAfterGc(child);
      const get = await latencyOf(port, key, id, 'get');
      checkStatuses(`GET with ${count} idle tenants`, get);
      const row = {
        idleTenants: count,
        tenants: count + 1,
        fill: { created: count - from, seconds },
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        newSpaceBytes: mem.newSpaceCommitted,
        bytesPerTenant: (mem.rss - alone.rss) / count,
        bytesPerTenantExYoung: (mem.rss - mem.newSpaceCommitted - (alone.rss - alone.newSpaceCommitted)) / count,
        heapBytesPerTenant: (mem.heapUsed - alone.heapUsed) / count,
        latency: { get },
      };
      rows.push(row);
      log(
        `  capacity: ${String(count + 1).padStart(7)} tenants  RSS ${mib(mem.rss)} (V8 heap used ${mib(mem.heapUsed)}, young gen ${mib(mem.newSpaceCommitted)})` +
          ` +${mib(mem.rss - alone.rss)}, ${(row.bytesPerTenant / 1024).toFixed(2)} KB RSS/tenant (heap ${(row.heapBytesPerTenant / 1024).toFixed(2)} KB)` +
          `  made ${count - from} in ${seconds.toFixed(1)} s  GET ${fmtLat(get)}  [median/p99]`,
      );
    }
    const messages = await rssPerMessage(baseUrl, { key: `sk_test_bench_msg_${run}`, readRss: async () => (await rssAfterGc(child)).rss, log });
    return { rows, messages };
  } finally {
    await stopChild(sim, 10_000);
  }
}

/**
 * Hook: RSS per stored message. `baseUrl` is a running simulator; `readRss()` reads its RSS
 * (after a GC). Skipped — `{ skipped: 'messages not simulated yet' }` — while
 * `POST /v3/messages` answers 404 (not in the spec) or 501 (not simulated). Otherwise sends
 * `count` SMS in batches of 100 recipients and reports (RSS after − RSS before) / messages.
 */
export async function rssPerMessage(baseUrl, { key, readRss, count = QUICK ? 1_000 : 10_000, log = console.log }) {
  const port = Number(new URL(baseUrl).port);
  const headers = { 'x-api-key': key };
  const probe = await requestJson({ port, method: 'POST', path: '/v3/messages', headers, body: {} });
  if (probe.status === 404 || probe.status === 501) {
    log(`  capacity: RSS per message: skipped, messages not simulated yet (POST /v3/messages: HTTP ${probe.status})`);
    return { skipped: 'messages not simulated yet', status: probe.status };
  }
  const before = await readRss();
  const started = performance.now();
  const batches = Math.ceil(count / 100);
  const r = await runPool({
    port,
    total: batches,
    concurrency: 8,
    makeRequest: (b) => ({
      method: 'POST',
      path: '/v3/messages',
      headers,
      body: { to: Array.from({ length: Math.min(100, count - b * 100) }, (_, k) => `+1628${String(2_000_000 + b * 100 + k)}`), text: 'Bench message', channel: ['sms'] },
    }),
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = Object.entries(r.statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  if (ok !== batches) {
    log(`  capacity: RSS per message: sends answered ${JSON.stringify(r.statuses)}`);
    return { error: `POST /v3/messages answered ${JSON.stringify(r.statuses)}`, statuses: r.statuses };
  }
  const after = await readRss();
  const result = { messages: count, seconds, rssBeforeBytes: before, rssAfterBytes: after, bytesPerMessage: (after - before) / count };
  log(`  capacity: ${count} messages in ${seconds.toFixed(1)} s, RSS ${mib(before)} → ${mib(after)}, ${(result.bytesPerMessage / 1024).toFixed(2)} KB/message`);
  return result;
}

export async function measureCapacity({ log = console.log } = {}) {
  const profiles = await profileGrowth({ log });
  const { rows: tenants, messages } = await tenantGrowth({ log });
  return { quick: QUICK, sizes: SIZES, samples: SAMPLES, profiles, tenants, messages };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installCleanup();
  console.log(JSON.stringify(await measureCapacity(), null, 2));
}
