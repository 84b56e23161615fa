// CPU profile of sent-sim under load, for when a target is missed.
//
//   npm run build && node bench/profile.mjs [retrieve|create|update|complete] [seconds]
//   PROFILE_TARGET=minimal-express node bench/profile.mjs retrieve     (the reference server)
//
// Starts `node --cpu-prof dist/cli.js serve …` (as users run it, JSON logs to /dev/null),
// loads one endpoint with autocannon (50 connections), stops the server with SIGTERM so Node
// writes the .cpuprofile, and prints the top functions by self time and the time per
// package/file. The profile is kept in a temp directory (path printed) for Chrome DevTools.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_DIR, freePort, HOST, installCleanup, ROOT, requestJson, spawnChild, spawnSim, stopChild, waitForStatus } from './lib.mjs';
import { COMPLETE_BODY, CREATE_BODY, UPDATE_BODY } from './payloads.mjs';

installCleanup();

const endpoint = process.argv[2] ?? 'retrieve';
const seconds = Number(process.argv[3] ?? 10);
const TOP = Number(process.env.PROFILE_TOP ?? 30);
const key = `sk_test_bench_prof_${Math.random().toString(36).slice(2, 8)}`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'sent-sim-prof-'));
const port = await freePort();
// PROFILE_TARGET=minimal-express profiles the reference server instead, for comparison.
const target = process.env.PROFILE_TARGET ?? 'sent-sim';
const profArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
let loadResult;
const sim =
  target === 'minimal-express'
    ? spawnChild('minimal-express', process.execPath, [...profArgs, path.join(BENCH_DIR, 'servers', 'minimal-express.mjs'), '--port', String(port)])
    : spawnSim(port, { extraNodeArgs: profArgs });
try {
  await waitForStatus(sim, port, { headers: { 'x-api-key': key } });
  const created = await requestJson({ port, method: 'POST', path: '/v3/profiles', headers: { 'x-api-key': key }, body: CREATE_BODY });
  const id = created.json.data.id;
  const spec = {
    retrieve: { method: 'GET', path: `/v3/profiles/${id}` },
    update: { method: 'PATCH', path: `/v3/profiles/${id}`, body: UPDATE_BODY },
    complete: { method: 'POST', path: `/v3/profiles/${id}/complete`, body: COMPLETE_BODY },
    create: { method: 'POST', path: '/v3/profiles', body: CREATE_BODY },
  }[endpoint];
  if (!spec) throw new Error(`unknown endpoint ${endpoint}`);
  loadResult = await autocannon({
    url: `http://${HOST}:${port}${spec.path}`,
    method: spec.method,
    body: spec.body,
    headers: { 'x-api-key': key, ...(spec.body ? { 'content-type': 'application/json' } : {}) },
    connections: 50,
    duration: seconds,
  });
  console.log(`${target} ${endpoint}: ${Math.round(loadResult.requests.average)} req/s, p50 ${loadResult.latency.p50} ms, p99 ${loadResult.latency.p99} ms, non2xx ${loadResult.non2xx}`);
} finally {
  await stopChild(sim, 10_000);
}

const served = loadResult.requests.total;
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

// Self time per node = samples hitting it × mean interval.
const counts = new Map();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const totalSamples = profile.samples.length;
const byFunction = new Map();
const byFile = new Map();
const where = (url) => {
  if (!url) return '(native/vm)';
  const p = url.replace('file://', '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (p.startsWith(ROOT)) return path.relative(ROOT, p);
  return p.startsWith('node:') ? p : `node:${path.basename(p)}`;
};
for (const node of profile.nodes) {
  const n = counts.get(node.id) ?? 0;
  if (!n) continue;
  const cf = node.callFrame;
  const fileName = where(cf.url);
  const fnKey = `${cf.functionName || '(anonymous)'}  ${fileName}:${cf.lineNumber + 1}`;
  byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + n);
  byFile.set(fileName, (byFile.get(fileName) ?? 0) + n);
}
// Total (inclusive) time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const keyOf = (node) => `${node.callFrame.functionName || '(anonymous)'}  ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const inclusive = new Map();
for (const [id, n] of counts) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) seen.add(keyOf(nodeById.get(cur)));
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + n);
}
// Mean sampling interval, to turn sample counts into microseconds per served request.
const meanIntervalUs = (profile.endTime - profile.startTime) / totalSamples;
const pct = (n) => `${((100 * n) / totalSamples).toFixed(1).padStart(5)}% ${((n * meanIntervalUs) / served).toFixed(1).padStart(6)} µs/req`;
const idle = [...byFunction].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, n]) => a + n, 0);
const busy = totalSamples - idle;
console.log(`\nprofile: ${path.join(dir, file)} (${totalSamples} samples, ${served} requests under load; µs/req = time ÷ those requests, start-up included)`);
console.log(`non-idle CPU per request: ${((busy * meanIntervalUs) / served).toFixed(0)} µs\n\ntop ${TOP} functions by self time:`);
for (const [name, n] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(n)}  ${name}`);
console.log(`\ntop ${TOP} functions of dist/ (and pino/express json) by total time:`);
const interesting = (k) => k.includes(' dist/') || /npm:pino|npm:express|npm:body-parser/.test(k);
for (const [name, n] of [...inclusive].filter(([k]) => interesting(k)).sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(n)}  ${name}`);
console.log('\nself time by package / file:');
for (const [name, n] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(n)}  ${name}`);
