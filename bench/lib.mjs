// Shared helpers for the benchmark scripts: child processes (always cleaned up), ports,
// readiness polling, small HTTP client, RSS sampling, statistics.
// Everything talks to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const HOST = '127.0.0.1';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = path.join(ROOT, 'bench');
export const SIM_CLI = path.join(ROOT, 'dist', 'cli.js');
export const SPEC = path.join(ROOT, 'spec', 'sent-v3.yaml');
export const PRISM_BIN = path.join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

export const QUICK = process.env.BENCH_QUICK === '1';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A sleep that does not keep the process alive (for timeouts raced against other events). */
const unrefSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

// ---------------------------------------------------------------------------------------
// Child processes. Every child is started in its own process group (detached) and recorded
// here; killAll() signals the whole group, so nothing (not even a grandchild) outlives us.
// ---------------------------------------------------------------------------------------
const children = new Set();
let devNull;

/**
 * Spawns `node <args>` (or another command) on its own process group. stdout goes to
 * /dev/null (sent-sim logs every request as a JSON line; a pipe nobody reads would block it)
 * unless `options.keepStdout`; the last few KB of stderr are kept for error messages.
 * `options.cwd` (default: the repository) and `options.env` (added to ours).
 */
export function spawnChild(name, command, args, options = {}) {
  devNull ??= openSync('/dev/null', 'w');
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    detached: true,
    stdio: ['ignore', options.keepStdout ? 'pipe' : devNull, 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const record = { name, child, stdout: '', stderr: '', exited: false, exitCode: null };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    record.stderr = (record.stderr + chunk).slice(-4000);
  });
  // keepStdout: the last few KB of stdout are kept too (e.g. the summary of `npm test`).
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk) => {
    record.stdout = (record.stdout + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      record.exited = true;
      record.exitCode = code ?? signal;
      children.delete(record);
      resolve();
    });
  });
  record.exitedPromise = exited;
  child.once('error', (err) => {
    record.stderr += `\nspawn error: ${err.message}`;
  });
  children.add(record);
  return record;
}

/** SIGTERM the child's group, then SIGKILL it if it has not gone after `graceMs`. */
export async function stopChild(record, graceMs = 3000) {
  if (!record || record.exited) return;
  signalGroup(record, 'SIGTERM');
  const timedOut = await Promise.race([record.exitedPromise.then(() => false), unrefSleep(graceMs).then(() => true)]);
  if (timedOut) {
    signalGroup(record, 'SIGKILL');
    await Promise.race([record.exitedPromise, unrefSleep(2000)]);
  }
  // The leader may exit before a grandchild: make sure the group is gone.
  signalGroup(record, 'SIGKILL');
}

function signalGroup(record, signal) {
  try {
    process.kill(-record.child.pid, signal);
  } catch {
    // already gone
  }
}

/** Synchronous last resort (process 'exit', signals): SIGKILL every group we started. */
export function killAllSync() {
  for (const record of children) signalGroup(record, 'SIGKILL');
  children.clear();
}

let cleanupInstalled = false;
/** Kills every child on exit, Ctrl-C, SIGTERM and uncaught errors. */
export function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      killAllSync();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (err) => {
    console.error(err);
    killAllSync();
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    console.error(err);
    killAllSync();
    process.exit(1);
  });
}

// ---------------------------------------------------------------------------------------
// Servers under test
// ---------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function spawnSim(port, { extraNodeArgs = [], extraArgs = [] } = {}) {
  return spawnChild('sent-sim', process.execPath, [
    ...extraNodeArgs,
    SIM_CLI,
    'serve',
    '--port',
    String(port),
    '--host',
    HOST,
    '--log-format',
    'json',
    ...extraArgs,
  ]);
}

export function spawnPrism(port) {
  return spawnChild('prism', process.execPath, [PRISM_BIN, 'mock', '-v', 'silent', '-h', HOST, '--port', String(port), SPEC]);
}

/**
 * Polls `GET path` every `intervalMs` until it answers `status`; resolves with the ms since
 * `since` (a performance.now() value). Bounded by `timeoutMs`; fails early if the child dies.
 */
export async function waitForStatus(record, port, { path: urlPath = '/v3/profiles', headers = {}, status = 200, intervalMs = 10, timeoutMs = 30_000, since = performance.now() } = {}) {
  const deadline = since + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (record?.exited) throw new Error(`${record.name} exited (${record.exitCode}) before it was ready:\n${record.stderr}`);
    try {
      const res = await request({ port, method: 'GET', path: urlPath, headers, agent: false, timeoutMs: 2000 });
      if (res.status === status) return performance.now() - since;
      last = `status ${res.status}`;
    } catch (err) {
      last = err.code ?? err.message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${record?.name ?? 'server'} on port ${port} not ready after ${timeoutMs} ms (last: ${last})\n${record?.stderr ?? ''}`);
}

/**
 * A simulator of its own for one measurement: `serve --port P` plus `extraArgs`, ready once it
 * answers a fresh key (`<keyPrefix>_<time>`); runs `use(baseUrl, key)` and stops it whatever happens.
 */
export async function withOwnSimulator({ extraArgs = [], keyPrefix }, use) {
  const port = await freePort();
  const sim = spawnSim(port, { extraArgs });
  const key = `${keyPrefix}_${Date.now().toString(36)}`;
  try {
    await waitForStatus(sim, port, { headers: { 'x-api-key': key } });
    return await use(`http://${HOST}:${port}`, key);
  } finally {
    await stopChild(sim);
  }
}

/** Minimal HTTP client: resolves {status, headers, body (Buffer)}; JSON bodies are serialised. */
export function request({ port, method = 'GET', path: urlPath, headers = {}, body, agent, timeoutMs = 10_000 }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(
      {
        host: HOST,
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`timeout after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function requestJson(options) {
  const res = await request(options);
  let json;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { ...res, json };
}

// ---------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------

/** Resident set size of a process in bytes, from /proc/<pid>/status (Linux). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** Waits `settleMs`, then samples RSS `samples` times `gapMs` apart and returns the minimum. */
export async function settledRss(pid, { settleMs = 1000, samples = 5, gapMs = 200 } = {}) {
  await sleep(settleMs);
  let min = Infinity;
  for (let i = 0; i < samples; i++) {
    min = Math.min(min, rssBytes(pid));
    if (i < samples - 1) await sleep(gapMs);
  }
  return min;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `total` requests through a keep-alive pool of `concurrency` sockets. `makeRequest(i)`
 * returns the request options for the i-th request. Resolves with a status histogram.
 */
export async function runPool({ port, total, concurrency, makeRequest }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = {};
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      try {
        const res = await request({ port, agent, ...makeRequest(i) });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      } catch {
        errors++;
        if (errors > 100) throw new Error(`too many request errors (${errors})`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  } finally {
    agent.destroy();
  }
  return { statuses, errors };
}

export const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const fmtMs = (n) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)}` : 'n/a');
export const fmtRatio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');
export const fmtBytes = (n) => (Number.isFinite(n) ? `${(n / 1024).toFixed(2)} KB` : 'n/a');

/**
 * Share of the machine's CPU time that was busy over `ms` (from /proc/stat), measured while
 * the benchmark itself is idle: anything well above 0 means other processes compete with it.
 */
export async function backgroundCpuBusy(ms = 1000) {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0); // idle + iowait
    const total = fields.reduce((a, b) => a + b, 0);
    return { idle, total };
  };
  const a = read();
  await sleep(ms);
  const b = read();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

/**
 * CPU counters for "how much did other processes use while we measured": machine-wide busy
 * and total jiffies from /proc/stat, and the jiffies of our own processes (this one and the
 * server under test) from /proc/<pid>/stat.
 */
export function cpuSample(pids) {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // user + nice + system + steal; irq/softirq are left out (loopback traffic is ours).
  const busy = fields[0] + fields[1] + fields[2] + (fields[7] ?? 0);
  let own = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      own += Number(after[11]) + Number(after[12]); // utime + stime
    } catch {
      // process gone
    }
  }
  return { total, busy, own };
}

/** Share of the machine's CPU (0–1, all cores) used by processes other than `pids` between two samples. */
export function foreignCpuShare(a, b) {
  const total = b.total - a.total;
  if (total <= 0) return 0;
  return Math.max(0, (b.busy - a.busy - (b.own - a.own)) / total);
}

/** The `p`-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Version of an installed package (node_modules/<name>/package.json), or 'unknown'. */
export function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * What a test suite feels: requests one after another on ONE keep-alive connection
 * (`http.Agent({ keepAlive: true, maxSockets: 1 })`). `warmup` requests first (discarded),
 * then up to `samples` timed ones, each from `request()` to the last byte of the answer; stops
 * early after `maxMs` of sampling, but only once it has `minSamples`. `makeRequest(i)` returns
 * {method, path, headers, body}. Bodies are counted, not kept (a list of 100k profiles is
 * ~150 MB). Resolves with {samples, median, p99, mean, statuses, bytes (of the last answer),
 * connections (sockets opened: 1 when keep-alive held)}.
 */
export async function sequentialLatency({ port, makeRequest, samples, warmup = 0, maxMs = Infinity, minSamples = 5, timeoutMs = 60_000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let sockets = 0;
  const once = (i) =>
    new Promise((resolve, reject) => {
      const { method = 'GET', path: urlPath, headers = {}, body } = makeRequest(i);
      const started = performance.now();
      const req = http.request(
        {
          host: HOST,
          port,
          method,
          path: urlPath,
          agent,
          headers: body === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (res) => {
          let bytes = 0;
          res.on('data', (c) => (bytes += c.length));
          res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode, bytes }));
          res.on('error', reject);
        },
      );
      req.on('socket', (socket) => {
        if (!socket.benchSeen) {
          socket.benchSeen = true;
          sockets++;
        }
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`timeout after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  try {
    for (let i = 0; i < warmup; i++) await once(i);
    const times = [];
    const statuses = {};
    let bytes = 0;
    const started = performance.now();
    for (let i = 0; i < samples; i++) {
      const r = await once(warmup + i);
      times.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      bytes = r.bytes;
      if (times.length >= minSamples && performance.now() - started > maxMs) break;
    }
    return {
      samples: times.length,
      median: median(times),
      p99: percentile(times, 99),
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      max: Math.max(...times),
      statuses,
      bytes,
      connections: sockets,
    };
  } finally {
    agent.destroy();
  }
}
