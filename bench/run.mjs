// sent-sim benchmark: throughput and latency against three reference servers, cold start,
// memory per stored profile. Runs the COMPILED simulator (dist/), as users run it.
//
//   npm run build && node bench/run.mjs
//   BENCH_DURATION=10 node bench/run.mjs     (seconds per measurement; default 5)
//   BENCH_QUICK=1 node bench/run.mjs         (smoke test: 1 s, memory counts ÷ 10, 3 cold starts)
//
// One server at a time, all on 127.0.0.1. Every child process is killed at the end, on error
// and on Ctrl-C. Prints a markdown report and writes bench/results/<timestamp>.json.
// Targets are reported as PASS/MISS; the script never fails because of them.
import { clockDrain as runClockDrain } from './clock-drain.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  backgroundCpuBusy,
  cpuSample,
  foreignCpuShare,
  BENCH_DIR,
  fmtBytes,
  fmtInt,
  fmtMs,
  fmtRatio,
  freePort,
  HOST,
  installCleanup,
  median,
  QUICK,
  request,
  requestJson,
  SIM_CLI,
  spawnChild,
  spawnPrism,
  spawnSim,
  stopChild,
} from './lib.mjs';
import { waitForStatus } from './lib.mjs';
import { measureMemory } from './memory.mjs';
import { COMPLETE_BODY, CREATE_BODY, UPDATE_BODY, brand } from './payloads.mjs';

installCleanup();

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------
const CONNECTIONS = 50;
const WARMUP_SECONDS = 1;
const DURATION = QUICK ? 1 : parseDuration(process.env.BENCH_DURATION);
const COLD_START_RUNS = QUICK ? 3 : 5;
const BUSY_WARNING = 0.1; // background CPU share above which a measurement is retried / flagged
const BUSY_RETRIES = QUICK ? 0 : 2; // extra attempts for a measurement disturbed by other processes
const BUSY_WAIT_MS = 15_000; // longest wait for a quiet moment before such an attempt
const API_KEY = `sk_test_bench_${Math.random().toString(36).slice(2, 10)}`;

const TARGETS = {
  getVsExpress: 0.9, // GET req/s ≥ 0.9× minimal Express
  getVsPrism: 2.5, // GET req/s ≥ 2.5× Prism
  postVsExpress: 0.8, // POST req/s ≥ 0.8× minimal Express
  coldStartMs: 300, // spawn → first 200, median
  bytesPerProfile: 3 * 1024, // RSS growth per stored profile
};

function parseDuration(value) {
  if (value === undefined || value === '') return 5;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 600) throw new Error(`BENCH_DURATION must be a number of seconds from 1 to 600, got ${value}`);
  return Math.round(n);
}

const log = (...args) => console.error(...args);

// The four benchmarked operations. `path(ctx)` gets the ids set up for the server under test.
const ENDPOINTS = [
  { id: 'retrieve', label: 'GET /v3/profiles/{id}', method: 'GET', path: (c) => `/v3/profiles/${c.profileId}` },
  { id: 'update', label: 'PATCH /v3/profiles/{id}', method: 'PATCH', path: (c) => `/v3/profiles/${c.profileId}`, body: UPDATE_BODY },
  { id: 'complete', label: 'POST /v3/profiles/{id}/complete', method: 'POST', path: (c) => `/v3/profiles/${c.completeProfileId}/complete`, body: COMPLETE_BODY },
  // Last, so that the profiles it piles up do not weigh on the other measurements.
  { id: 'create', label: 'POST /v3/profiles', method: 'POST', path: () => '/v3/profiles', body: CREATE_BODY },
];

const SERVERS = [
  { id: 'sim', label: 'sent-sim' },
  { id: 'prism', label: 'Prism 5.14.2' },
  { id: 'express', label: 'minimal Express' },
  { id: 'bare', label: 'bare node:http' },
];

// ---------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------
function headersFor(endpoint) {
  return endpoint.body === undefined ? { 'x-api-key': API_KEY } : { 'x-api-key': API_KEY, 'content-type': 'application/json' };
}

async function cannon(port, endpoint, context, duration) {
  return autocannon({
    url: `http://${HOST}:${port}${endpoint.path(context)}`,
    method: endpoint.method,
    headers: headersFor(endpoint),
    body: endpoint.body,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
  });
}

function summarise(result) {
  const statuses = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = Number(count);
  return {
    rps: result.requests.average,
    total: result.requests.total,
    durationSeconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    latencyAvg: result.latency.average,
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function measureServer(server, port, context, pid) {
  const rows = [];
  for (const endpoint of ENDPOINTS) {
    await cannon(port, endpoint, context, WARMUP_SECONDS); // warm-up, discarded
    // Other processes competing for the CPU spoil a measurement: retry it (bounded) after
    // waiting for a quieter moment, and keep the attempt that was least disturbed.
    let row;
    for (let attempt = 1; attempt <= 1 + BUSY_RETRIES; attempt++) {
      if (attempt > 1) await waitForQuiet(BUSY_WAIT_MS);
      const pids = [process.pid, pid];
      const before = cpuSample(pids);
      const serverBefore = cpuSample([pid]).own;
      const result = await cannon(port, endpoint, context, DURATION);
      const serverAfter = cpuSample([pid]).own;
      const otherCpu = foreignCpuShare(before, cpuSample(pids));
      const summary = summarise(result);
      // CPU time the server process spent per answered request (jiffies are 10 ms).
      const serverCpuUsPerRequest = summary.total > 0 ? ((serverAfter - serverBefore) * 10_000) / summary.total : NaN;
      const candidate = { server: server.id, endpoint: endpoint.id, ...summary, serverCpuUsPerRequest, otherCpu, attempts: attempt };
      if (!row || candidate.otherCpu < row.otherCpu) row = { ...candidate };
      row.attempts = attempt;
      if (row.otherCpu <= BUSY_WARNING) break;
      log(`  (${server.label} ${endpoint.label}: other processes used ${fmtPct(otherCpu)} of the CPU${attempt <= BUSY_RETRIES ? ', measuring again' : ''})`);
    }
    log(
      `  ${server.label.padEnd(16)} ${endpoint.label.padEnd(32)} ${fmtInt(row.rps).padStart(7)} req/s  p50 ${fmtMs(row.p50)} ms  p99 ${fmtMs(row.p99)} ms` +
        `  ${fmtInt(row.serverCpuUsPerRequest)} µs CPU/req  ${statusMix(row)}  (other CPU ${fmtPct(row.otherCpu)})`,
    );
    rows.push(row);
  }
  return rows;
}

function statusMix(row) {
  const parts = Object.entries(row.statuses).map(([code, n]) => `${code}×${fmtInt(n)}`);
  if (row.errors) parts.push(`errors×${fmtInt(row.errors)}`);
  if (row.timeouts) parts.push(`timeouts×${fmtInt(row.timeouts)}`);
  return parts.join(', ') || 'none';
}

// ---------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------
const auth = { 'x-api-key': API_KEY };

async function expectOk(label, promise) {
  const res = await promise;
  if (res.status < 200 || res.status >= 300) throw new Error(`${label}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 500)}`);
  return res;
}

/**
 * sent-sim: create the profiles the benchmark needs through the API, then capture one real
 * response per route (for the bare server) before measuring.
 */
async function benchSim() {
  const port = await freePort();
  const sim = spawnSim(port);
  try {
    await waitForStatus(sim, port, { headers: auth });
    const created = await expectOk('sent-sim create', requestJson({ port, method: 'POST', path: '/v3/profiles', headers: auth, body: CREATE_BODY }));
    const profileId = created.json.data.id;

    // A profile for `complete` that meets the documented prerequisites: general data, its own
    // brand (not a TCR application) and its own campaign. Best effort: complete is not
    // implemented everywhere yet, and its status mix is reported as it comes.
    const completeProfile = await expectOk(
      'sent-sim create (complete)',
      requestJson({
        port,
        method: 'POST',
        path: '/v3/profiles',
        headers: auth,
        body: { ...JSON.parse(CREATE_BODY), inherit_tcr_campaign: false, brand: { ...brand(), compliance: { ...brand().compliance, isTcrApplication: false } } },
      }),
    );
    const completeProfileId = completeProfile.json.data.id;
    const campaign = await request({ port, method: 'POST', path: `/v3/profiles/${completeProfileId}/campaigns`, headers: auth, body: CAMPAIGN_BODY });
    const setup = { campaignStatus: campaign.status };
    log(`  sent-sim setup: profile ${profileId}, complete profile ${completeProfileId} (campaign: HTTP ${campaign.status})`);

    const context = { profileId, completeProfileId };
    const captures = {};
    const capture = async (route, endpoint) => {
      const res = await request({ port, method: endpoint.method, path: endpoint.path(context), headers: headersFor(endpoint), body: endpoint.body });
      captures[route] = { status: res.status, contentType: res.headers['content-type'] ?? 'application/json', body: res.body.toString('base64'), bytes: res.body.length };
    };
    await capture('list', { method: 'GET', path: () => '/v3/profiles' });
    for (const endpoint of ENDPOINTS) await capture(endpoint.id, endpoint);
    log(`  captured: ${Object.entries(captures).map(([r, c]) => `${r} ${c.status} (${c.bytes} B)`).join(', ')}`);

    const rows = await measureServer(SERVERS[0], port, context, sim.child.pid);
    return { rows, context, captures, setup };
  } finally {
    await stopChild(sim);
  }
}

const CAMPAIGN_BODY = {
  campaign: {
    name: 'Appointment reminders',
    description: 'Reminders for booked appointments',
    type: 'App',
    useCases: [{ messagingUseCaseUs: 'ACCOUNT_NOTIFICATION', sampleMessages: ['Your appointment is tomorrow at 10:00. Reply STOP to opt out.'] }],
    messageFlow: 'Customers opt in when they book online.',
    optinKeywords: 'YES, START',
    optoutKeywords: 'STOP',
    helpKeywords: 'HELP',
  },
};

async function benchPrism(context) {
  const port = await freePort();
  const prism = spawnPrism(port);
  try {
    await waitForStatus(prism, port, { headers: auth });
    return { rows: await measureServer(SERVERS[1], port, context, prism.child.pid) };
  } finally {
    await stopChild(prism);
  }
}

async function benchExpress() {
  const port = await freePort();
  const child = spawnChild('minimal-express', process.execPath, [path.join(BENCH_DIR, 'servers', 'minimal-express.mjs'), '--port', String(port)]);
  try {
    await waitForStatus(child, port, { headers: auth });
    const created = await expectOk('minimal Express create', requestJson({ port, method: 'POST', path: '/v3/profiles', headers: auth, body: CREATE_BODY }));
    const context = { profileId: created.json.data.id, completeProfileId: created.json.data.id };
    return { rows: await measureServer(SERVERS[2], port, context, child.child.pid) };
  } finally {
    await stopChild(child);
  }
}

async function benchBare(captures, context) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sent-sim-bench-'));
  const file = path.join(dir, 'captures.json');
  writeFileSync(file, JSON.stringify(captures));
  const port = await freePort();
  const child = spawnChild('bare', process.execPath, [path.join(BENCH_DIR, 'servers', 'bare.mjs'), '--port', String(port), '--captures', file]);
  try {
    await waitForStatus(child, port, { headers: auth, status: captures.list.status });
    return { rows: await measureServer(SERVERS[3], port, context, child.child.pid) };
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Cold start: spawn → first 200 on GET /v3/profiles, polled every 10 ms; median of N.
// ---------------------------------------------------------------------------------------
async function coldStart(label, spawnFn) {
  const runs = [];
  for (let i = 0; i < COLD_START_RUNS; i++) {
    const port = await freePort();
    const since = performance.now();
    const child = spawnFn(port);
    try {
      runs.push(await waitForStatus(child, port, { headers: auth, intervalMs: 10, timeoutMs: 30_000, since }));
    } finally {
      await stopChild(child);
    }
  }
  const result = { runsMs: runs, medianMs: median(runs) };
  log(`  cold start ${label}: median ${fmtMs(result.medianMs)} ms (${runs.map((r) => r.toFixed(0)).join(', ')})`);
  return result;
}

// ---------------------------------------------------------------------------------------
// Clock drain: 10,000 completion callbacks drained by one clock advance (bench/clock-drain.mjs).
// ---------------------------------------------------------------------------------------
async function clockDrain() {
  return runClockDrain({ log });
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------
const fmtPct = (x) => `${Math.round(x * 100)}%`;

/** Waits (at most `maxMs`) until other processes use under BUSY_WARNING of the CPU over 1 s. */
async function waitForQuiet(maxMs) {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    if ((await backgroundCpuBusy(1000)) <= BUSY_WARNING) return true;
  }
  return false;
}

function ratio(a, b) {
  return a && b ? a / b : NaN;
}

function verdict(ok) {
  return ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS';
}

function buildReport(results) {
  const { throughput, coldStart: cold, memory, clockDrain: drain } = results;
  const find = (server, endpoint) => throughput.find((r) => r.server === server && r.endpoint === endpoint);
  const lines = [];
  const machine = results.meta.machine;
  lines.push(`## sent-sim benchmark — ${results.meta.startedAt}`);
  lines.push('');
  lines.push(
    `${machine.cpus}× ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${process.version}, ${results.meta.quick ? 'QUICK mode, ' : ''}` +
      `${results.meta.connections} connections, ${results.meta.warmupSeconds} s warm-up + ${results.meta.durationSeconds} s per measurement. autocannon runs on the same machine as the server.`,
  );
  const worst = Math.max(...throughput.map((r) => r.otherCpu));
  const around = `${fmtPct(results.meta.backgroundCpuBusyAtStart)} just before the run, ${fmtPct(results.meta.backgroundCpuBusyAtEnd)} just after it`;
  lines.push('');
  if (worst > BUSY_WARNING) {
    lines.push(
      `**Warning:** other processes used up to ${fmtPct(worst)} of the machine's CPU during a throughput measurement (column "other CPU"; ${around}). ` +
        'Rows marked ⚠ are unreliable, and so are the ratios built on them — rerun on a quiet machine.',
    );
  } else {
    lines.push(`Other processes used at most ${fmtPct(worst)} of the CPU during the throughput measurements (${around}).`);
  }
  lines.push('');
  lines.push('### Throughput and latency');
  lines.push('');
  lines.push('| endpoint | server | req/s | p50 ms | p99 ms | server CPU µs/req | statuses | other CPU |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const endpoint of ENDPOINTS) {
    for (const server of SERVERS) {
      const row = find(server.id, endpoint.id);
      if (!row) continue;
      const other = `${fmtPct(row.otherCpu)}${row.otherCpu > BUSY_WARNING ? ' ⚠' : ''}`;
      lines.push(
        `| ${endpoint.label} | ${server.label} | ${fmtInt(row.rps)} | ${fmtMs(row.p50)} | ${fmtMs(row.p99)} | ${fmtInt(row.serverCpuUsPerRequest)} | ${statusMix(row)} | ${other} |`,
      );
    }
  }
  lines.push('');
  lines.push('### Ratios (sent-sim req/s ÷ other req/s)');
  lines.push('');
  lines.push('| endpoint | sent-sim / Prism | sent-sim / minimal Express | sent-sim / bare |');
  lines.push('| --- | ---: | ---: | ---: |');
  for (const endpoint of ENDPOINTS) {
    const sim = find('sim', endpoint.id)?.rps;
    const cells = ['prism', 'express', 'bare'].map((s) => fmtRatio(ratio(sim, find(s, endpoint.id)?.rps)));
    lines.push(`| ${endpoint.label} | ${cells.join(' | ')} |`);
  }
  const simComplete = find('sim', 'complete');
  if (simComplete && Object.keys(simComplete.statuses).some((c) => !c.startsWith('2'))) {
    lines.push('');
    lines.push(`Note: sent-sim answered \`complete\` with ${statusMix(simComplete)}, so its ratios compare different work.`);
  }
  lines.push('');
  lines.push('### Cold start (spawn → first 200 on GET /v3/profiles, 10 ms polling)');
  lines.push('');
  lines.push('| server | median ms | runs (ms) |');
  lines.push('| --- | ---: | --- |');
  lines.push(`| sent-sim (\`node dist/cli.js serve\`) | ${fmtMs(cold.sim.medianMs)} | ${cold.sim.runsMs.map((r) => r.toFixed(0)).join(', ')} |`);
  lines.push(`| Prism (\`prism mock\`) | ${fmtMs(cold.prism.medianMs)} | ${cold.prism.runsMs.map((r) => r.toFixed(0)).join(', ')} |`);
  lines.push('');
  lines.push('### Memory (sent-sim RSS growth per stored profile)');
  lines.push('');
  lines.push('RSS read after a full GC in the child (the target), and as it stood before that GC (swings with GC timing).');
  lines.push('');
  lines.push('| scenario | profiles stored | fill time | RSS baseline | RSS after | per profile | per profile, no forced GC |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of [memory.oneTenant, memory.manyTenants]) {
    const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    const noGc = m.bytesPerProfileNoGc === undefined ? 'n/a' : fmtBytes(m.bytesPerProfileNoGc);
    const runs = m.runsBytesPerProfile ? ` (median of ${m.runsBytesPerProfile.map(fmtBytes).join(', ')})` : '';
    lines.push(`| ${m.label} | ${fmtInt(m.stored)} | ${m.fillSeconds.toFixed(1)} s | ${mib(m.rssBaselineBytes)} | ${mib(m.rssAfterBytes)} | ${fmtBytes(m.bytesPerProfile)}${runs} | ${noGc} |`);
  }
  lines.push('');
  lines.push('### Clock drain');
  lines.push('');
  lines.push('| callbacks | jobs fired by one advance | received | all received after | advance answered after |');
  lines.push('| ---: | ---: | ---: | ---: | ---: |');
  lines.push(`| ${fmtInt(drain.count)} | ${fmtInt(drain.fired)} | ${fmtInt(drain.received)} | ${fmtMs(drain.drainMs)} ms | ${fmtMs(drain.advanceAnsweredMs)} ms |`);
  lines.push('');
  lines.push('### Targets');
  lines.push('');
  lines.push('| target | measured | goal | result |');
  lines.push('| --- | ---: | ---: | --- |');
  for (const t of results.targets) lines.push(`| ${t.name} | ${t.measured} | ${t.goal} | ${t.result} |`);
  return lines.join('\n');
}

function evaluateTargets({ throughput, coldStart: cold, memory, clockDrain: drain }) {
  const rps = (server, endpoint) => throughput.find((r) => r.server === server && r.endpoint === endpoint)?.rps;
  const getExpress = ratio(rps('sim', 'retrieve'), rps('express', 'retrieve'));
  const getPrism = ratio(rps('sim', 'retrieve'), rps('prism', 'retrieve'));
  const postExpress = ratio(rps('sim', 'create'), rps('express', 'create'));
  const check = (value, goal, higherIsBetter = true) => (Number.isFinite(value) ? (higherIsBetter ? value >= goal : value <= goal) : undefined);
  return [
    { name: 'GET req/s vs minimal Express', value: getExpress, measured: fmtRatio(getExpress), goal: `≥ ${TARGETS.getVsExpress}×`, result: verdict(check(getExpress, TARGETS.getVsExpress)) },
    { name: 'GET req/s vs Prism', value: getPrism, measured: fmtRatio(getPrism), goal: `≥ ${TARGETS.getVsPrism}×`, result: verdict(check(getPrism, TARGETS.getVsPrism)) },
    { name: 'POST req/s vs minimal Express', value: postExpress, measured: fmtRatio(postExpress), goal: `≥ ${TARGETS.postVsExpress}×`, result: verdict(check(postExpress, TARGETS.postVsExpress)) },
    { name: 'cold start (sent-sim, median)', value: cold.sim.medianMs, measured: `${fmtMs(cold.sim.medianMs)} ms`, goal: `≤ ${TARGETS.coldStartMs} ms`, result: verdict(check(cold.sim.medianMs, TARGETS.coldStartMs, false)) },
    ...[memory.oneTenant, memory.manyTenants].map((m) => ({
      name: `RSS per stored profile (${m.label})`,
      value: m.bytesPerProfile,
      measured: fmtBytes(m.bytesPerProfile),
      goal: `≤ ${fmtBytes(TARGETS.bytesPerProfile)}`,
      result: verdict(check(m.bytesPerProfile, TARGETS.bytesPerProfile, false)),
    })),
    {
      name: `clock drain: ${fmtInt(drain.count)} callbacks`,
      value: drain.drainMs,
      measured: `${fmtMs(drain.drainMs / 1000)} s`,
      goal: '≤ 3 s',
      result: verdict(drain.received === drain.count ? check(drain.drainMs, 3000, false) : false),
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------
async function main() {
  if (!existsSync(SIM_CLI)) throw new Error(`${SIM_CLI} is missing: run \`npm run build\` first (npm run bench does).`);
  const startedAt = new Date();
  const results = {
    meta: {
      startedAt: startedAt.toISOString(),
      quick: QUICK,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP_SECONDS,
      connections: CONNECTIONS,
      coldStartRuns: COLD_START_RUNS,
      node: process.version,
      machine: {
        platform: `${os.platform()} ${os.release()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        loadAverageAtStart: os.loadavg(),
      },
      targets: TARGETS,
    },
  };

  results.meta.backgroundCpuBusyAtStart = await backgroundCpuBusy();
  log(`background CPU busy before start: ${(results.meta.backgroundCpuBusyAtStart * 100).toFixed(0)}%`);

  log(`throughput (${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${DURATION} s each)`);
  const sim = await benchSim();
  const prism = await benchPrism(sim.context);
  const express = await benchExpress();
  const bare = await benchBare(sim.captures, sim.context);
  results.setup = { sim: sim.setup, captures: Object.fromEntries(Object.entries(sim.captures).map(([r, c]) => [r, { status: c.status, contentType: c.contentType, bytes: c.bytes }])) };
  results.throughput = [...sim.rows, ...prism.rows, ...express.rows, ...bare.rows];

  log(`cold start (${COLD_START_RUNS} runs each)`);
  results.coldStart = {
    sim: await coldStart('sent-sim', (port) => spawnSim(port)),
    prism: await coldStart('Prism', (port) => spawnPrism(port)),
  };

  log('memory');
  results.memory = await measureMemory({ quick: QUICK, log });

  log('clock drain');
  results.clockDrain = await clockDrain();

  results.meta.backgroundCpuBusyAtEnd = await backgroundCpuBusy();
  results.targets = evaluateTargets(results);
  results.meta.finishedAt = new Date().toISOString();
  const report = buildReport(results);
  results.report = report;

  const dir = path.join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  // ISO 8601 timestamp with ':' replaced by '-' so the name is valid on every file system.
  const file = path.join(dir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  console.log(report);
  log(`\nresults written to ${path.relative(process.cwd(), file)}`);
}

// `node bench/run.mjs --report bench/results/<file>.json` prints the report of an earlier run.
if (process.argv[2] === '--report') {
  const saved = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  console.log(buildReport(saved));
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
