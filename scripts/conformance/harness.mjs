// Process and HTTP plumbing for scripts/conformance.mjs: child processes that never outlive the
// run, free ports, readiness polling, and the client that sends every request through a Prism
// proxy and records what Prism said about it. Everything listens on 127.0.0.1.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
// One free-port helper for every script that starts servers (the benchmarks own it).
export { freePort } from '../../bench/lib.mjs';

export const HOST = '127.0.0.1';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_PATH = path.join(ROOT, 'spec', 'sent-v3.yaml');
export const SIM_CLI = path.join(ROOT, 'dist', 'cli.js');
export const PRISM_BIN = path.join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
/** Marks responses Prism wrote itself (request rejected, response replaced by a violation report). */
export const PRISM_PROBLEM = 'https://stoplight.io/prism/errors#';

// ---------------------------------------------------------------------------------------
// Child processes: each on its own process group, so a signal reaches grandchildren too.
// ---------------------------------------------------------------------------------------
const children = new Set();

/** Spawns a child; keeps every output line that matters and a short tail of the rest. */
export function spawnChild(name, args, { keep = () => false } = {}) {
  // The run drives the control plane without an admin token, so none may leak in from the shell.
  const { SENT_SIM_ADMIN_TOKEN: _token, ...env } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, NODE_ENV: 'test', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const record = { name, child, kept: [], tail: [], exited: false, exitCode: null };
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (keep(line)) record.kept.push(line);
      record.tail.push(line);
      if (record.tail.length > 30) record.tail.shift();
    });
  }
  record.exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      record.exited = true;
      record.exitCode = code ?? signal;
      children.delete(record);
      resolve();
    });
  });
  child.once('error', (err) => record.tail.push(`spawn error: ${err.message}`));
  children.add(record);
  return record;
}

function signalGroup(record, signal) {
  try {
    process.kill(-record.child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM every child group, then SIGKILL whatever is left after a short grace period. */
export async function stopAll(graceMs = 2000) {
  const running = [...children];
  for (const record of running) signalGroup(record, 'SIGTERM');
  await Promise.race([Promise.all(running.map((r) => r.exitedPromise)), sleep(graceMs)]);
  killAllSync();
}

/** Synchronous last resort (process exit, signals): SIGKILL every group this run started. */
export function killAllSync() {
  for (const record of children) signalGroup(record, 'SIGKILL');
  children.clear();
}

/**
 * Kills every child on exit, Ctrl-C, SIGTERM and uncaught errors, and bounds the whole run:
 * past `deadlineMs` it reports what was running and exits non-zero.
 */
export function installCleanup(deadlineMs) {
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      killAllSync();
      process.exit(130);
    });
  }
  const fail = (err) => {
    console.error(err);
    killAllSync();
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const timer = setTimeout(() => fail(new Error(`conformance run exceeded ${deadlineMs / 1000} s`)), deadlineMs);
  timer.unref();
}

/** Polls `url` until anything answers over HTTP; fails early if the child died. */
export async function waitForHttp(record, url, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (record.exited) throw new Error(`${record.name} exited (${record.exitCode}) before it was ready:\n${record.tail.join('\n')}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(100);
  }
  throw new Error(`${record.name} not ready at ${url} after ${timeoutMs} ms (last: ${last})\n${record.tail.join('\n')}`);
}

// ---------------------------------------------------------------------------------------
// The recording client
// ---------------------------------------------------------------------------------------

/** Parses Prism's `sl-violations` header (a JSON array, possibly truncated by Prism). */
export function parseViolations(header) {
  if (!header) return [];
  try {
    return JSON.parse(header);
  } catch {
    return [{ location: ['?'], severity: 'Error', message: `unparseable sl-violations header: ${header.slice(0, 300)}` }];
  }
}

/**
 * Everything the run learns: every exchange through a proxy, Prism's violations, failed
 * expectations and the other checks. `failures()` decides the exit code.
 */
export class Recorder {
  exchanges = [];
  lenientExchanges = [];
  violations = [];
  expectationFailures = [];
  checks = [];
  counts = { strict: 0, lenient: 0, planted: 0, control: 0 };
  step = 'setup';

  violation(entry, step = this.step) {
    this.violations.push({ step, ...entry });
  }

  expectation(message, step = this.step) {
    this.expectationFailures.push(`[${step}] ${message}`);
  }

  /** A named pass/fail check outside Prism's verdicts (self-check, callbacks, key leaks). */
  check(group, name, ok, detail = '') {
    this.checks.push({ group, name, ok, detail, step: this.step });
    return ok;
  }

  failures() {
    return this.violations.length + this.expectationFailures.length + this.checks.filter((c) => !c.ok).length;
  }
}

/**
 * A client for one proxy. `mode: 'strict'` is the `--errors` proxy every valid request goes
 * through: any violation, or any answer Prism wrote itself, is a failure. `mode: 'lenient'`
 * (no `--errors`) forwards deliberately invalid requests to the simulator: Prism must report
 * the request as invalid (that proves the request was really invalid), and any violation
 * located in the response is a failure.
 */
export function proxyClient({ baseUrl, mode, recorder }) {
  const send = async (method, urlPath, body, options = {}) => {
    const { key, headers = {}, expect, rawBody, contentType = 'application/json', timeoutMs = 10_000 } = options;
    // Parallel flows (the scenario probes) name their step per request.
    const step = options.step ?? recorder.step;
    const requestHeaders = { ...headers };
    if (key !== undefined) requestHeaders['x-api-key'] = key;
    let payload;
    if (rawBody !== undefined) payload = rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) requestHeaders['content-type'] = contentType;

    recorder.counts[mode]++;
    const res = await fetch(`${baseUrl}${urlPath}`, { method, headers: requestHeaders, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const resHeaders = Object.fromEntries(res.headers.entries());
    const result = { status: res.status, headers: resHeaders, text, json, method, path: urlPath };
    const violations = parseViolations(resHeaders['sl-violations']);
    const prismWrote = typeof json?.type === 'string' && json.type.startsWith(PRISM_PROBLEM);
    const label = `${method} ${urlPath}`;
    if (mode === 'strict') {
      for (const v of violations) recorder.violation({ label, status: res.status, ...v }, step);
      if (prismWrote && violations.length === 0) {
        const message = `${json.title}: ${JSON.stringify(json.validation ?? json.detail)}`;
        recorder.violation({ label, status: res.status, location: ['prism'], severity: 'Error', message }, step);
      }
      if (!prismWrote) recorder.exchanges.push({ ...result, requestHeaders, requestBody: payload });
    } else {
      const requestSide = violations.filter((v) => v.location?.[0] === 'request');
      for (const v of violations.filter((x) => x.location?.[0] !== 'request')) recorder.violation({ label, status: res.status, ...v }, step);
      if (requestSide.length === 0) {
        recorder.expectation(`${label}: Prism did not report the deliberately invalid request as a violation`, step);
      }
      result.requestViolations = requestSide;
      recorder.lenientExchanges.push(result);
    }
    checkExpectation((message) => recorder.expectation(message, step), label, result, expect);
    return result;
  };
  return {
    get: (p, o) => send('GET', p, undefined, o),
    post: (p, b, o) => send('POST', p, b, o),
    patch: (p, b, o) => send('PATCH', p, b, o),
    put: (p, b, o) => send('PUT', p, b, o),
    delete: (p, b, o) => send('DELETE', p, b, o),
  };
}

/** `expect`: a status, or `{status, code, details}` (details: keys that must be present). */
function checkExpectation(fail, label, result, expect) {
  if (expect === undefined) return;
  const want = typeof expect === 'number' ? { status: expect } : expect;
  if (want.status !== undefined && result.status !== want.status) {
    fail(`${label}: expected ${want.status}, got ${result.status} ${result.text.slice(0, 300)}`);
    return;
  }
  if (want.code !== undefined && result.json?.error?.code !== want.code) {
    fail(`${label}: expected error code ${want.code}, got ${JSON.stringify(result.json?.error ?? null)}`);
  }
  for (const field of want.details ?? []) {
    if (!result.json?.error?.details?.[field]) {
      fail(`${label}: expected error.details.${field}, got ${JSON.stringify(result.json?.error?.details ?? null)}`);
    }
  }
}

/** The simulator's own `/_sim` control plane, called directly (it is not in the spec). */
export function controlClient({ baseUrl, recorder }) {
  const call = async (method, urlPath, key, body) => {
    recorder.counts.control++;
    const res = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: { 'x-api-key': key, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // The call's request id: the `request_id` of the webhook events it starts.
    return { status: res.status, json, text, requestId: res.headers.get('x-request-id') };
  };
  const ok = async (promise, what) => {
    const res = await promise;
    if (res.status < 200 || res.status >= 300) throw new Error(`control plane ${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return res.json;
  };
  return {
    raw: call,
    tenant: (key) => ok(call('GET', '/_sim/tenant', key), 'GET /_sim/tenant'),
    patchTenant: (key, body) => ok(call('PATCH', '/_sim/tenant', key, body), 'PATCH /_sim/tenant'),
    createKey: (key, body) => ok(call('POST', '/_sim/tenant/keys', key, body), 'POST /_sim/tenant/keys'),
    advance: (key, seconds) => ok(call('POST', '/_sim/clock/advance', key, { seconds }), 'POST /_sim/clock/advance'),
  };
}
