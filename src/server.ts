import type { Logger } from 'pino';
import { createDeps, type Config, type Deps } from './deps.js';
import { simulatorFromDeps, type Listening } from './simulator.js';

export interface ServeOptions {
  port: number;
  host: string;
  seed?: number;
  logger: Logger;
  bodyLimit?: number;
  /** Seed the demo tenant (on by default). */
  demo?: boolean;
  scenariosDir?: readonly string[];
  defaultScenario?: string | null;
  adminToken?: string | null;
  controlPlane?: boolean;
  maxProfiles?: number;
  journalBodyBudget?: number;
  /** Any other limit or switch (the CLI's limit flags). */
  config?: Partial<Config>;
}

export interface RunningServer extends Listening {
  deps: Deps;
}

/** What `sent-sim serve` runs: the simulator with the demo tenant, on its own server. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const deps = createDeps({
    seed: options.seed,
    logger: options.logger,
    scenariosDir: options.scenariosDir,
    defaultScenario: options.defaultScenario ?? null,
    config: {
      ...options.config,
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
      adminToken: options.adminToken ?? null,
      controlPlane: options.controlPlane ?? true,
      ...(options.maxProfiles ? { maxProfilesPerTenant: options.maxProfiles } : {}),
      ...(options.journalBodyBudget !== undefined ? { journalBodyBytes: options.journalBodyBudget } : {}),
    },
  });
  const sim = simulatorFromDeps(deps, options.demo !== false);
  let listening: Listening;
  try {
    listening = await sim.listen({ port: options.port, host: options.host });
  } catch (err) {
    await sim.close();
    throw err;
  }
  return { ...listening, deps, close: () => sim.close() };
}
