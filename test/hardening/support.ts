import type { RequestListener, Server } from 'node:http';
import request from 'supertest';

/** The app on a real socket, for tests whose requests must truly overlap. */
export { listenOnLoopback as listen } from '../support/listen.js';

/** A tenant's exported snapshot without `exported_at`, to compare state before and after. */
export async function exportedState(app: RequestListener | Server, key: string): Promise<unknown> {
  const res = await request(app).get('/_sim/export').set('x-api-key', key);
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${res.text}`);
  const { exported_at: _ignored, ...rest } = res.body as Record<string, unknown>;
  return rest;
}

/** A stack frame (`at fn (file.js:1:2)`) or an HTML page: neither may reach a client. */
export const STACK_OR_HTML = /\n\s+at |\bat [^\s]+ \(.*:\d+:\d+\)|\.(?:js|ts):\d+:\d+|<html|<!doctype|<pre>/i;
