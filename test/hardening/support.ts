import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RequestListener, Server } from 'node:http';
import request from 'supertest';
import type { Deps } from '../../src/deps.js';
import type { Tenant } from '../../src/store/types.js';

/** The app on a real socket, for tests whose requests must truly overlap. */
export { listenOnLoopback as listen } from '../support/listen.js';

/**
 * Waits until the work a request left running in the background is done — jobs already due (a
 * send's `message.queued`, fired by the scheduler's timer just after the answer) and webhook
 * deliveries in flight — so two exports around the next request compare only what that request
 * did. Under load a delivery can still be on the wire when the next command starts (it was: a
 * `message.queued` row turned from pending to delivered between the two exports of a refused
 * PATCH). Bounded, so a stuck delivery cannot hang the run.
 */
export async function settled(deps: Deps, tenant: Tenant): Promise<void> {
  await deps.scheduler.drain(tenant);
  for (let turn = 0; turn < 100_000 && deps.delivery.inFlightCount > 0; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** A tenant's exported snapshot without `exported_at`, to compare state before and after. */
export async function exportedState(app: RequestListener | Server, key: string): Promise<unknown> {
  const res = await request(app).get('/_sim/export').set('x-api-key', key);
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${res.text}`);
  const { exported_at: _ignored, ...rest } = res.body as Record<string, unknown>;
  return rest;
}

/** A stack frame (`at fn (file.js:1:2)`) or an HTML page: neither may reach a client. */
export const STACK_OR_HTML = /\n\s+at |\bat [^\s]+ \(.*:\d+:\d+\)|\.(?:js|ts):\d+:\d+|<html|<!doctype|<pre>/i;

/**
 * Runs `work` and reports the longest time the event loop was blocked meanwhile (every tenant
 * waits that long), and the CPU it took. Build big request bodies before, not inside.
 */
export async function loopCost<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number; cpuMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const cpu = process.cpuUsage();
  histogram.enable();
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    return { value, stallMs: histogram.max / 1e6, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    histogram.disable();
  }
}
