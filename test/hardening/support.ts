import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

/** The app on a real socket (127.0.0.1, a free port), for tests whose requests must truly overlap. */
export async function listen(app: RequestListener): Promise<{ server: Server; port: number; url: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
