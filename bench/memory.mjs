// Memory per stored profile: RSS of a sent-sim child (as users run it) before and after
// filling it through the HTTP API, in two shapes:
//   A. 100,000 profiles in one tenant;
//   B. 1,000 tenants × 10 profiles (each tenant is a fresh sk_test_ key).
// bytes per profile = (RSS_after − RSS_baseline) / profiles stored. RSS comes from
// /proc/<pid>/status (VmRSS); every create body is distinct (a per-request counter, see
// distinctCreateBody in payloads.mjs), as a real partner's profiles would be.
// Two readings each time: RSS as it stands (garbage V8 has not collected yet included, so it
// swings with GC timing: up to ~2× either way between runs), and RSS after a full GC (the child
// is started with --expose-gc and bench/support/gc-on-signal.mjs, which runs gc() on SIGUSR2):
// the retained size, comparable run to run. The target is judged on the latter.
// BENCH_QUICK=1 divides the counts by 10.
//
//   node bench/memory.mjs            (standalone; prints JSON)
//   import { measureMemory } from './memory.mjs'   (bench/run.mjs)
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, installCleanup, QUICK, runPool, settledRss, spawnSim, stopChild, waitForStatus } from './lib.mjs';
import { distinctCreateBody } from './payloads.mjs';

const CONCURRENCY = 100;
const MANY_TENANT_RUNS = 3;
const GC_HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'gc-on-signal.mjs')).href;

/** RSS as it stands, then after a full GC in the child. */
async function readings(pid) {
  const asIs = await settledRss(pid);
  process.kill(pid, 'SIGUSR2');
  const afterGc = await settledRss(pid, { settleMs: 500 });
  return { asIs, afterGc };
}
/** Warm-up bodies are numbered from here, so they never repeat a stored profile's values. */
const WARM_UP_SERIES = 90_000_000;

/**
 * The `n`-th create of a scenario. Every body differs where real partners' profiles would
 * (names, contact, legal name, tax id, street: see distinctCreateBody), so a store that
 * shared identical strings between profiles would not look smaller than it is.
 */
function createRequest(key, n, extra = {}) {
  const body = distinctCreateBody(n);
  if (extra.sandbox) body.sandbox = true;
  return {
    method: 'POST',
    path: '/v3/profiles',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** One scenario in a fresh child: warm up, baseline, fill, settle, measure. */
async function scenario({ label, tenants, perTenant, log }) {
  const port = await freePort();
  const sim = spawnSim(port, { extraNodeArgs: ['--expose-gc', '--import', GC_HOOK] });
  const runId = randomBytes(4).toString('hex');
  try {
    const warmKey = `sk_test_bench_mem_warm_${runId}`;
    await waitForStatus(sim, port, { headers: { 'x-api-key': warmKey } });
    // Warm-up: the same code path (sandbox creates store nothing), so JIT code and lazily
    // built state are in the baseline rather than counted as profile data.
    await runPool({ port, total: 2000, concurrency: CONCURRENCY, makeRequest: (i) => createRequest(warmKey, WARM_UP_SERIES + i, { sandbox: true }) });
    const baseline = await readings(sim.child.pid);

    const total = tenants * perTenant;
    const keys = Array.from({ length: tenants }, (_, t) => `sk_test_bench_mem_${runId}_${t}`);
    const started = performance.now();
    // Request i goes to tenant floor(i / perTenant): tenant after tenant, 100 in flight.
    const { statuses, errors } = await runPool({
      port,
      total,
      concurrency: CONCURRENCY,
      makeRequest: (i) => createRequest(keys[Math.floor(i / perTenant)], i),
    });
    const fillSeconds = (performance.now() - started) / 1000;
    const stored = statuses[201] ?? 0;
    const after = await readings(sim.child.pid);
    const result = {
      label,
      tenants,
      profilesPerTenant: perTenant,
      requested: total,
      stored,
      statuses,
      errors,
      fillSeconds,
      rssBaselineBytes: baseline.afterGc,
      rssAfterBytes: after.afterGc,
      bytesPerProfile: stored > 0 ? (after.afterGc - baseline.afterGc) / stored : NaN,
      rssBaselineNoGcBytes: baseline.asIs,
      rssAfterNoGcBytes: after.asIs,
      bytesPerProfileNoGc: stored > 0 ? (after.asIs - baseline.asIs) / stored : NaN,
    };
    const mib = (b) => (b / 2 ** 20).toFixed(1);
    log?.(
      `  memory ${label}: ${stored} profiles in ${fillSeconds.toFixed(1)} s, RSS after GC ${mib(baseline.afterGc)} → ${mib(after.afterGc)} MiB, ` +
        `${(result.bytesPerProfile / 1024).toFixed(2)} KB/profile (without a forced GC: ${(result.bytesPerProfileNoGc / 1024).toFixed(2)} KB)`,
    );
    return result;
  } finally {
    await stopChild(sim);
  }
}

export async function measureMemory({ quick = QUICK, log = console.log } = {}) {
  const div = quick ? 10 : 1;
  const oneTenant = await scenario({ label: `1 tenant × ${100_000 / div} profiles`, tenants: 1, perTenant: 100_000 / div, log });
  // B grows RSS by only ~30 MB, so page-level noise moves its figure by ±0.4 KB a profile from one
  // child to the next: it runs three times (a few seconds each) and the median run is reported.
  const runs = [];
  for (let i = 0; i < MANY_TENANT_RUNS; i++) {
    runs.push(await scenario({ label: `${1000 / div} tenants × 10 profiles`, tenants: 1000 / div, perTenant: 10, log }));
  }
  const sorted = [...runs].sort((x, y) => x.bytesPerProfile - y.bytesPerProfile);
  const manyTenants = { ...sorted[Math.floor(sorted.length / 2)], runsBytesPerProfile: runs.map((r) => r.bytesPerProfile) };
  return { oneTenant, manyTenants };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  installCleanup();
  const result = await measureMemory();
  console.log(JSON.stringify(result, null, 2));
}
