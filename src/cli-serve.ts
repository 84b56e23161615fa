import type { Logger } from 'pino';
import type { Config } from './deps.js';
import { createLogger, type LogFormat } from './logger.js';
import { startServer, type RunningServer } from './server.js';
import { DEMO_KEYS } from './store/tenants.js';
import { isLoopbackHost } from './util/hosts.js';
import { VERSION } from './version.js';

export interface ServeSettings {
  port: number;
  host: string;
  seed?: number;
  logLevel: string;
  logFormat?: LogFormat;
  demo: boolean;
  /** `--scenarios-dir`, each added to the package's scenarios. */
  scenariosDir: readonly string[];
  scenario: string | null;
  adminToken: string | null;
  controlPlane: boolean;
  config: Partial<Config>;
}

/** What `sent-sim serve` does beyond `startServer`, which a library must not: the process's signals and last line of defence. */
export async function serveUntilSignalled(settings: ServeSettings): Promise<void> {
  // docs/decisions/0022: an empty token would accept an empty header (or none); refuse it before anything starts.
  if (settings.adminToken !== null && settings.adminToken.trim() === '') {
    throw new Error('--admin-token (or SENT_SIM_ADMIN_TOKEN) must not be empty: give a token, or leave it out to run without one');
  }
  const logger = createLogger({ level: settings.logLevel, format: settings.logFormat });
  let running: RunningServer;
  try {
    running = await startServer({
      port: settings.port,
      host: settings.host,
      seed: settings.seed,
      logger,
      demo: settings.demo,
      scenariosDir: settings.scenariosDir,
      defaultScenario: settings.scenario,
      adminToken: settings.adminToken,
      controlPlane: settings.controlPlane,
      config: settings.config,
    });
  } catch (err) {
    const failure = listenFailure(err, settings.host, settings.port);
    throw failure === null ? err : new Error(failure);
  }
  lastLineOfDefence(logger);
  // Before the line that says where it listens: a supervisor (or a test) that reads it and sends
  // SIGTERM at once must meet the handler, not the default disposition (killed, no exit code).
  stopOnSignals(running, logger, settings.config.shutdownGraceMs ?? 10_000);
  logger.info(
    { url: running.url, demo_keys: settings.demo ? DEMO_KEYS : undefined, seed: settings.seed, scenario: settings.scenario ?? undefined, control_plane: settings.controlPlane },
    `sent-sim ${VERSION} listening on ${running.url}` + (settings.demo ? ` — try: curl -H 'x-api-key: ${DEMO_KEYS.admin}' ${running.url}/v3/profiles` : ''),
  );
  if (!isLoopbackHost(settings.host) && settings.adminToken === null && settings.controlPlane) {
    logger.warn(
      { host: settings.host },
      `listening on ${settings.host} without --admin-token: anyone who can reach this port can read and change every tenant's state through /_sim with any sk_test_ key; set --admin-token (or SENT_SIM_ADMIN_TOKEN)`,
    );
  }
}

/**
 * SIGINT/SIGTERM (docs/decisions/0021): stop accepting, let in-flight requests finish (up to the
 * grace period), record in-flight deliveries as aborted, flush the log, exit 0. A second signal
 * exits at once (1). A backstop exits 1 should closing ever hang.
 */
function stopOnSignals(running: RunningServer, logger: Logger, graceMs: number): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      logger.flush(() => process.exit(1));
      return;
    }
    stopping = true;
    const inFlight = running.deps.delivery.inFlightCount;
    logger.info({ signal, grace_ms: graceMs, deliveries_in_flight: inFlight }, 'shutting down: no new connections; in-flight requests may finish');
    setTimeout(() => {
      logger.error('shutdown did not finish in time: exiting');
      logger.flush(() => process.exit(1));
    }, graceMs + 5000).unref();
    void running.close().then(() => {
      logger.info('stopped');
      logger.flush(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The last line of defence, in the CLI process only (a library must not install process-wide
 * handlers): an exception nothing caught is logged with its stack and the simulator keeps
 * serving the other tenants. Every known cause is fixed where it arises; this is for the next one.
 */
function lastLineOfDefence(logger: Logger): void {
  process.on('uncaughtException', (err, origin) => {
    logger.error({ err, origin }, 'unexpected exception: the simulator keeps running; please report this with the log line');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection: the simulator keeps running; please report this with the log line');
  });
}

/** One line for the listen errors people meet: a busy port, a privileged one, a host that is not ours (else null). */
function listenFailure(err: unknown, host: string, port: number): string | null {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use: stop what holds it, or pick another with --port (0 picks a free one)`;
    case 'EACCES':
      return `not allowed to listen on port ${port} on ${host}: pick a port above 1023 with --port`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on host ${host}: it is not an address of this machine (--host)`;
    default:
      return null;
  }
}
