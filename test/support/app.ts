import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { createDeps, type Deps, type DepsOptions } from '../../src/deps.js';
import { loadSpec, RequestValidator, specOperations } from '../../src/http/validation.js';
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from '../../src/scenarios/loader.js';

// Parsed and compiled once per test file; every app still gets its own deps and state.
const spec = loadSpec();
const validator = new RequestValidator(spec);
const scenarios = loadScenarios(DEFAULT_SCENARIOS_DIR, validator, new Set(specOperations(spec).map((o) => o.operationId)));

export type SimApp = Express;

export interface TestApp {
  app: SimApp;
  deps: Deps;
}

/**
 * A simulator of its own for a test. Nothing waits on real time: scenario latency does not wait
 * (pass `sleep` to observe the delays a scenario asks for), and jobs run only when the test
 * advances the clock, never because real time reached them on a slow machine (pass
 * `realTimeJobs: true` for a test about that timer).
 */
export function testApp(options: DepsOptions = {}): TestApp {
  const deps = createDeps({ spec, validator, scenarios, sleep: async () => {}, realTimeJobs: false, ...options });
  return { app: createApp(deps), deps };
}

/**
 * Real time that stands still (pass it as `realNow`): tenant clocks then move only when the test
 * advances them, so a step due 1 s later never falls due because the machine was slow between
 * two requests. Timestamps of one test all share the instant, plus what the test advanced.
 */
export function stillClock(start: number = Date.now()): () => number {
  return () => start;
}

/** A fresh tenant key: tests never share tenants, so files and tests run in parallel. */
export function tenantKey(): string {
  return `sk_test_${randomUUID().replace(/-/g, '')}`;
}

/** A supertest client that sends one API key on every request. */
export function client(app: SimApp, key: string = tenantKey()) {
  const withKey = (t: request.Test) => t.set('x-api-key', key);
  const agent = request(app);
  return {
    key,
    get: (path: string) => withKey(agent.get(path)),
    post: (path: string, body?: object) => withKey(agent.post(path)).send(body ?? {}),
    patch: (path: string, body?: object) => withKey(agent.patch(path)).send(body ?? {}),
    put: (path: string, body?: object) => withKey(agent.put(path)).send(body ?? {}),
    delete: (path: string) => withKey(agent.delete(path)),
  };
}

/** A logger that writes JSON lines into memory, so tests can search what was logged. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}
