import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface Listening {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** `app` on a real socket (127.0.0.1, a free port); `close()` also ends kept-alive connections. */
export async function listenOnLoopback(app: RequestListener): Promise<Listening> {
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

/**
 * Serves `app` on 127.0.0.1 for the whole test file (for clients that need a real URL, such as
 * the official SDK); `url()` is its base URL once the file's tests run.
 */
export function serveForFile(app: RequestListener): { url: () => string } {
  let listening: Listening | undefined;
  beforeAll(async () => {
    listening = await listenOnLoopback(app);
  });
  afterAll(() => listening?.close());
  return { url: () => listening?.url ?? '' };
}

/** A loopback port with nothing listening on it (for "connection refused"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
