#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { createLogger, type LogFormat } from './logger.js';
import { startServer } from './server.js';
import { DEMO_KEYS } from './store/tenants.js';
import { VERSION } from './version.js';


function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    return n;
  };
}

const program = new Command()
  .name('sent-sim')
  .description("A stateful local simulator of Sent's v3 API (sender profiles, completion, campaigns).")
  .version(VERSION)
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('Serve the simulated API with a seeded demo tenant.')
  .addOption(
    new Option('-p, --port <port>', 'port to listen on (0 picks a free one)')
      .env('PORT')
      .default(4010)
      .argParser(integer('--port', 0, 65535)),
  )
  .addOption(
    new Option('-H, --host <host>', 'interface to bind; keep 127.0.0.1 unless others must reach the simulator').default('127.0.0.1'),
  )
  .addOption(
    new Option('-s, --seed <n>', 'seed for generated ids and sample data, so runs repeat exactly').argParser(integer('--seed', 0, 2 ** 31 - 1)),
  )
  .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
  .addOption(new Option('--log-format <format>', 'log format (default: pretty on a terminal, JSON otherwise)').choices(['pretty', 'json']))
  .addOption(new Option('--body-limit <bytes>', 'largest accepted request body').default(1024 * 1024).argParser(integer('--body-limit', 1024, 64 * 1024 * 1024)))
  .addOption(new Option('--no-demo', 'start without the demo tenant'))
  .addHelpText(
    'after',
    `
Tenants:
  The demo tenant's keys are ${Object.entries(DEMO_KEYS).map(([role, key]) => `${key} (${role})`).join(', ')}.
  Any other key starting with sk_test_ creates a fresh, isolated tenant on first use.

Examples:
  $ sent-sim serve
  $ sent-sim serve --port 8080 --seed 42
  $ curl -H 'x-api-key: sk_test_demo_admin' http://127.0.0.1:4010/v3/profiles`,
  )
  .action(async (opts: { port: number; host: string; seed?: number; logLevel: string; logFormat?: LogFormat; bodyLimit: number; demo: boolean }) => {
    const logger = createLogger({ level: opts.logLevel, format: opts.logFormat });
    const running = await startServer({
      port: opts.port,
      host: opts.host,
      seed: opts.seed,
      logger,
      bodyLimit: opts.bodyLimit,
      demo: opts.demo,
    });
    logger.info(
      { url: running.url, demo_keys: opts.demo ? DEMO_KEYS : undefined, seed: opts.seed },
      `sent-sim ${VERSION} listening on ${running.url}` +
        (opts.demo ? ` — try: curl -H 'x-api-key: ${DEMO_KEYS.admin}' ${running.url}/v3/profiles` : ''),
    );
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 5000).unref();
      void running.close().then(() => {
        clearTimeout(force);
        logger.flush(() => process.exit(0));
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
