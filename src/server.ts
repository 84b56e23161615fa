import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { createDeps, type Deps } from './deps.js';
import { seedDemoTenant } from './store/demo.js';

export interface ServeOptions {
  port: number;
  host: string;
  seed?: number;
  logger: Logger;
  bodyLimit?: number;
  /** Seed the demo tenant (on by default). */
  demo?: boolean;
  scenariosDir?: string;
  defaultScenario?: string | null;
  adminToken?: string | null;
  controlPlane?: boolean;
  maxProfiles?: number;
}

export interface RunningServer {
  url: string;
  deps: Deps;
  server: Server;
  close(): Promise<void>;
}

/** Builds the deps and app, seeds the demo tenant, and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const deps = createDeps({
    seed: options.seed,
    logger: options.logger,
    scenariosDir: options.scenariosDir,
    defaultScenario: options.defaultScenario ?? null,
    config: {
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
      adminToken: options.adminToken ?? null,
      controlPlane: options.controlPlane ?? true,
      ...(options.maxProfiles ? { maxProfilesPerTenant: options.maxProfiles } : {}),
    },
  });
  if (options.demo !== false) seedDemoTenant(deps);
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    deps,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        deps.scheduler.stop();
        deps.deliverer.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
