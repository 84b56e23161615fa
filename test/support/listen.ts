import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
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

/**
 * A loopback port with nothing listening on it (for "connection refused"). A port below 1024:
 * `listen(0)` never hands one out, so a test file running beside this one cannot start listening
 * on it between this call and the connection (a freed ephemeral port could be, and was: the
 * webhook test then reached another file's server). Checked to refuse before it is returned.
 */
export async function closedPort(): Promise<number> {
  for (const port of [9, 1, 3, 5, 7, 11, 13, 17, 19]) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    });
    if (refused) return port;
  }
  throw new Error('no closed port below 1024 on 127.0.0.1');
}
