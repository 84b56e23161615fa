// What the figure scripts (scripts/issue-15-figures.mjs, scripts/issue-25-figures.mjs) share: a
// built simulator in a child process of its own (killed on exit, SIGINT and SIGTERM), a small
// HTTP client, a pool, and the statistics they print. All traffic stays on 127.0.0.1.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../../bench/lib.mjs';

export const ADMIN = 'sk_test_demo_admin';
// A full GC on SIGUSR2, then what the process holds (scripts/support/heap-on-signal.mjs).
const GC_HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'heap-on-signal.mjs')).href;
export const log = (m) => process.stderr.write(`${m}\n`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `--root <dir>` (another checkout's dist/, to compare) and `--only 2,6`, from the command line. */
export function figureArgs(defaultRoot) {
  const args = process.argv.slice(2);
  const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  return { root: path.resolve(flag('--root') ?? defaultRoot), only: flag('--only')?.split(',').map(Number) };
}

const children = new Set();
export const killAll = () => {
  for (const c of children) c.kill('SIGKILL');
};
process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.once(s, () => (killAll(), process.exit(130)));

/** `sent-sim serve` of `root`'s dist/ on a free port, once it answers `/healthz`. */
export async function start(root, extra = [], { logLevel = 'warn' } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--expose-gc', '--import', GC_HOOK, path.join(root, 'dist/cli.js'), 'serve', '--port', String(port), '--log-format', 'json', '--log-level', logLevel, ...extra], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((r) => child.on('exit', (code, signal) => (children.delete(child), r({ code, signal }))));
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 300 && !gone; i++) {
    if ((await call(port, 'GET', '/healthz').catch(() => ({ status: 0 }))).status === 200) break;
    await sleep(100);
  }
  return {
    port,
    child,
    exited,
    alive: () => !gone,
    output: () => out,
    rssMiB: () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024),
    /** Heap (and off-heap buffers) after a full garbage collection: what the process keeps, not what it has yet to collect. */
    retainedMiB: async () => {
      const seen = out.length;
      child.kill('SIGUSR2');
      for (let i = 0; i < 50 && !out.slice(seen).includes('heap_probe'); i++) await sleep(100);
      const line = out.slice(seen).split('\n').find((l) => l.includes('heap_probe'));
      const m = line ? JSON.parse(line) : {};
      return Math.round((m.heapUsedMiB ?? NaN) + (m.externalMiB ?? NaN));
    },
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; resolves with status, headers, parsed JSON (or `text` when `raw`) and the time it took. */
export function call(port, method, urlPath, { key, body, headers = {}, raw = false, timeout = 120_000, via = agent } = {}) {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent: via, timeout, headers: { ...(key ? { 'x-api-key': key } : {}), ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          if (!raw) {
            try {
              json = JSON.parse(text);
            } catch {
              // not JSON
            }
          }
          resolve({ status: res.statusCode, headers: res.headers, json, text: raw ? text : undefined, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}
export const safe = (p) => p.catch((e) => ({ status: 0, error: e.message }));

/** Runs `fn(0…n-1)` with at most `concurrency` at once; the results in order. */
export async function pool(n, concurrency, fn) {
  let next = 0;
  const results = [];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      results[i] = await fn(i);
    }
  }));
  return results;
}
export const tally = (list) => list.reduce((t, r) => ((t[r.status] = (t[r.status] ?? 0) + 1), t), {});
export const pct = (sorted, p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;

/** Runs each row in `rows` (unless `only` leaves it out), one after another, and prints the results as JSON. */
export async function runRows(rows, { root, only }) {
  const results = {};
  for (const [row, measure] of Object.entries(rows)) {
    if (only && !only.includes(Number(row))) continue;
    log(`row ${row}…`);
    const started = performance.now();
    try {
      results[`row ${row}`] = await measure();
    } catch (err) {
      results[`row ${row}`] = { failed: err.message };
    }
    killAll();
    log(`row ${row}: ${JSON.stringify(results[`row ${row}`])} (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  agent.destroy();
  console.log(JSON.stringify({ root, results }, null, 2));
  process.exit(0);
}
