import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/**
 * Serves `app` on 127.0.0.1 for the whole test file (for clients that need a real URL, such as
 * the official SDK); `url()` is its base URL once the file's tests run.
 */
export function serveForFile(app: RequestListener): { url: () => string } {
  let server: Server | undefined;
  let baseURL = '';
  beforeAll(async () => {
    server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  return { url: () => baseURL };
}

/** A loopback port with nothing listening on it (for "connection refused"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
