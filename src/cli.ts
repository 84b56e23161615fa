#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { addLimitOptions, integer, limitsConfig } from './cli-limits.js';
import { TargetPolicy } from './delivery/targets.js';
import { parseAllowedHosts } from './http/host.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_JOURNAL_BODY_BYTES, type LimitDecl } from './limits.js';
import { ScenarioFileError } from './scenarios/loader.js';
import { FAMILY_NAMES as RECEIVER_FAMILIES } from './receiver-check/families.js';
import { DEMO_KEYS } from './store/tenants.js';
import { isLoopbackHost } from './util/hosts.js';
import { VERSION } from './version.js';
import type { LogFormat } from './logger.js';

// The simulator itself (Express, the spec, ajv, every resource) is imported by the command that
// needs it, so `--help`, `--version` and a usage error answer at once.

/**
 * Whether these arguments can reach `serve` (its run, its help or a usage error of its flags):
 * only then are the resource modules loaded for the caps they declare (docs/decisions/0024) —
 * that costs ~55 ms (faker's locale), which `--version`, the top-level `--help`, `scenarios` and
 * `verify` do not pay.
 */
function reachesServe(args: readonly string[]): boolean {
  const [first, second] = args;
  if (first === 'help') return second === 'serve';
  return !['scenarios', 'verify', '-V', '--version', '-h', '--help'].includes(first ?? '');
}

const declaredLimits: readonly LimitDecl[] = reachesServe(process.argv.slice(2)) ? (await import('./registry.js')).allLimits() : [];

interface ServeFlags {
  port: number;
  host: string;
  seed?: number;
  logLevel: string;
  logFormat?: LogFormat;
  bodyLimit: number;
  demo: boolean;
  scenario?: string;
  scenariosDir: string[];
  adminToken?: string;
  controlPlane: boolean;
  journalBodyBudget: number;
  webhookTargets: string;
  allowedHosts: string[];
  [limit: string]: unknown;
}

const COMMANDS = ['serve', 'scenarios', 'verify', 'check-receiver', 'help'];

/** `--scenarios-dir`, repeatable: each directory's files join the package's scenarios (docs/decisions/0084). */
function scenariosDirOption(): Option {
  return new Option('--scenarios-dir <dir>', 'a directory of your own scenario files, added to the built-in ones (repeatable)')
    .argParser((dir: string, dirs: string[]) => [...dirs, dir])
    .default([], 'none');
}

// Every usage error is one line on stderr (commander's message, its hint joined on), never the help.
const program = new Command()
  .name('sent-sim')
  .description("A stateful local simulator of Sent's v3 API (all 40 methods of the official SDK: profiles, messages, webhooks, templates, contacts, users, me, numbers), with Pact contracts.")
  .version(VERSION)
  .configureOutput({ outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')} (sent-sim --help)\n`) });

const serve = program
  .command('serve', { isDefault: true })
  .description('Serve the simulated API with a seeded demo tenant.')
  .addOption(new Option('-p, --port <port>', 'port to listen on (0 picks a free one)').env('PORT').default(4010).argParser(integer('--port', 0, 65535)))
  .addOption(new Option('-H, --host <host>', 'interface to bind; keep 127.0.0.1 unless other machines must reach the simulator (then set --admin-token)').default('127.0.0.1'))
  .addOption(new Option('-s, --seed <n>', 'seed for generated ids and sample data, so runs repeat exactly').argParser(integer('--seed', 0, 2 ** 31 - 1)))
  .addOption(new Option('--scenario <name>', 'scenario in force for every tenant that has not chosen one (see `sent-sim scenarios`)'))
  .addOption(scenariosDirOption())
  .addOption(new Option('--admin-token <token>', 'require this token (header x-sim-admin-token) on every /_sim control-plane call; must not be empty').env('SENT_SIM_ADMIN_TOKEN'))
  .addOption(new Option('--no-control-plane', 'turn the /_sim control plane off'))
  .addOption(
    new Option('--allowed-hosts <names>', 'Host header names to answer besides loopback names and the bound address, comma-separated (* any): against DNS rebinding')
      .default([], 'none')
      .argParser(parseAllowedHosts),
  )
  .addOption(new Option('--no-demo', 'start without the demo tenant'))
  .addOption(new Option('--journal-body-budget <bytes>', 'request bodies the /_sim/requests journal keeps, all tenants together; older ones are dropped').default(DEFAULT_JOURNAL_BODY_BYTES).argParser(integer('--journal-body-budget', 0, 2 ** 31 - 1)))
  .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
  .addOption(new Option('--log-format <format>', 'log format (default: pretty on a terminal, JSON otherwise)').choices(['pretty', 'json']))
  .addOption(new Option('--body-limit <bytes>', 'largest accepted request body, in bytes').default(DEFAULT_BODY_LIMIT).argParser(integer('--body-limit', 1024, 64 * 1024 * 1024)))
  .addOption(
    new Option(
      '--webhook-targets <list>',
      'where webhooks and completion callbacks may be delivered: local (anything but link-local, cloud metadata and unspecified addresses), public (routable addresses only), any, and/or addresses, CIDRs and host names (*.suffix) allowed besides — alone, only them',
    )
      .default('local')
      .argParser(targets),
  );

/** `--webhook-targets`, checked as the simulator will read it (delivery/targets.ts). */
function targets(value: string): string {
  try {
    return new TargetPolicy(value).spec;
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

addLimitOptions(serve, declaredLimits)
  .addHelpText(
    'after',
    `
Tenants:
  The demo tenant's keys are ${Object.entries(DEMO_KEYS).map(([role, key]) => `${key} (${role})`).join(', ')}.
  Any other key starting with sk_test_ creates a fresh, isolated tenant on first use.

Examples:
  $ sent-sim serve
  $ sent-sim serve --port 8080 --seed 42 --scenario completion-failed
  $ curl -H 'x-api-key: sk_test_demo_admin' http://127.0.0.1:4010/v3/profiles`,
  )
  .action(async (opts: ServeFlags) => {
    const { serveUntilSignalled } = await import('./cli-serve.js');
    await serveUntilSignalled({
      port: opts.port,
      host: opts.host,
      seed: opts.seed,
      logLevel: opts.logLevel,
      logFormat: opts.logFormat,
      demo: opts.demo,
      scenariosDir: opts.scenariosDir,
      scenario: opts.scenario ?? null,
      adminToken: opts.adminToken ?? null,
      controlPlane: opts.controlPlane,
      config: {
        ...limitsConfig(opts, declaredLimits),
        bodyLimit: opts.bodyLimit,
        journalBodyBytes: opts.journalBodyBudget,
        webhookTargets: opts.webhookTargets,
        // Reachable from other machines: shared (docs/decisions/0046; an admin token makes it shared too).
        sharedInstance: !isLoopbackHost(opts.host),
        allowedHosts: opts.allowedHosts,
      },
    });
  });

program
  .command('scenarios')
  .description('List the scenarios with their descriptions.')
  .addOption(scenariosDirOption())
  .action(async (opts: { scenariosDir: string[] }) => {
    const [{ loadSpec, RequestValidator, specOperations }, { loadAllScenarios }, { checkScenarioBlocks }, { allScenarioBlocks }] = await Promise.all([
      import('./http/validation.js'),
      import('./scenarios/loader.js'),
      import('./scenarios/blocks.js'),
      import('./registry.js'),
    ]);
    const spec = loadSpec();
    const validator = new RequestValidator(spec);
    const scenarios = loadAllScenarios(opts.scenariosDir, validator, new Set(specOperations(spec).map((o) => o.operationId)));
    checkScenarioBlocks(scenarios, allScenarioBlocks(), validator);
    for (const s of scenarios.values()) {
      console.log(`${s.name}\n  ${s.description.replace(/\s+/g, ' ').trim()}\n`);
    }
    console.log(`${scenarios.size} scenarios. Use one with the header "x-sim-scenario: <name>", PUT /_sim/scenarios/active, or --scenario.`);
  });

program
  .command('verify')
  .description('Verify the Pact contracts in contracts/ against any running implementation of Sent’s v3 API.')
  .requiredOption('--provider-base-url <url>', 'base URL of the implementation, e.g. http://127.0.0.1:4010')
  .requiredOption('--api-key <key>', 'an API key of that implementation (owner or admin)')
  .option('--pact-dir <dir>', 'where the pact files are (default: the package’s contracts/)')
  .option('--admin-token <token>', 'the simulator’s --admin-token, if it was started with one')
  .option('--receiver-url <url>', 'where the target reaches the webhook receiver verify starts (a tunnel, a container host name); turns the delivery checks on for a target that is not a simulator')
  .option('--receiver-port <port>', 'the port that receiver listens on (default: the port of a loopback --receiver-url, else any free port)', (v) => Number.parseInt(v, 10))
  .option('--receiver-wait <seconds>', 'how long to wait for a real target’s deliveries', (v) => Number.parseInt(v, 10), 60)
  .option('--no-delivery-checks', 'verify the contracts only')
  .addHelpText(
    'after',
    `
States that need the simulator's /_sim control plane (clock, organization brand, TCR submission) are
reported as skipped, with the reason, when the target is not a simulator. Then the delivery checks:
a webhook registered at a local receiver, a message sent, and its message.* events checked (in order,
signed for standardwebhooks, schema-valid; rotation; nothing after DELETE). A simulator's clock is
advanced; a real target needs --receiver-url and is waited for (--receiver-wait). Exit code 0 only
when every verified interaction and every delivery check that ran passed.`,
  )
  .action(
    async (opts: { providerBaseUrl: string; apiKey: string; pactDir?: string; adminToken?: string; receiverUrl?: string; receiverPort?: number; receiverWait: number; deliveryChecks: boolean }) => {
      // Pact's telemetry stays off wherever sent-sim runs it.
      process.env.PACT_DO_NOT_TRACK ??= 'true';
      const { runVerify, report } = await import('./verify/index.js');
      const outcome = await runVerify({
        providerBaseUrl: opts.providerBaseUrl,
        apiKey: opts.apiKey,
        pactDir: opts.pactDir,
        adminToken: opts.adminToken,
        deliveryChecks: { enabled: opts.deliveryChecks, receiver: { publicUrl: opts.receiverUrl, port: opts.receiverPort }, waitSeconds: opts.receiverWait },
        log: (line: string) => console.error(line),
      });
      console.log(report(outcome));
      process.exitCode = outcome.passed ? 0 : 1;
    },
  );

program
  .command('check-receiver')
  .description('Check a webhook receiver before go-live: signed deliveries as Sent sends them, each answer graded.')
  .argument('<url>', 'the receiver’s URL, as the webhook’s endpoint_url')
  .addOption(new Option('--secret <whsec>', 'the signing secret the receiver verifies with (whsec_…, from the webhook’s create answer)').env('SENT_WEBHOOK_SECRET').makeOptionMandatory())
  .addOption(new Option('--events <families>', `event families to check, comma-separated (default: all of ${RECEIVER_FAMILIES.join(', ')})`))
  .addOption(new Option('--timeout <seconds>', 'how long each delivery waits for an answer').default(10).argParser(integer('--timeout', 1, 600)))
  .option('--json', 'print the report as JSON (for CI)')
  .addHelpText(
    'after',
    `
Checks, in order (a delivery is acknowledged with 2xx and refused with 4xx):
  must pass  accepts a valid signed event within --timeout; rejects a bad signature, a timestamp
             10 minutes old and a delivery without x-webhook-signature; tolerates a duplicate
             X-Webhook-Event-ID and a lifecycle out of order; handles every family checked and
             a family it does not know; answers 20 concurrent deliveries within 5 s each
  advisory   acknowledges an unknown event of a known family; rejects a timestamp 10 minutes ahead
The receiver gets fictional data: point it at a test deployment. Exit code 0 only when every
must-pass check passes. Details: docs/guide/receiver-check.md.

Examples:
  $ sent-sim check-receiver http://127.0.0.1:3000/sent/webhooks --secret whsec_…
  $ SENT_WEBHOOK_SECRET=whsec_… sent-sim check-receiver https://staging.example.com/hooks --events message,templates --json`,
  )
  .action(async (url: string, opts: { secret: string; events?: string; timeout: number; json?: boolean }) => {
    const { checkReceiver, checkLine, receiverCheckTarget, reportHeader, reportSummary } = await import('./receiver-check/index.js');
    const events = opts.events?.split(',').map((e) => e.trim()).filter(Boolean);
    const options = { url, secret: opts.secret, events, timeoutMs: opts.timeout * 1000, onCheck: (c: Parameters<typeof checkLine>[0]) => !opts.json && console.log(checkLine(c)) };
    // Bad options are refused (one line, exit 1) before the report starts.
    const target = receiverCheckTarget(options);
    if (!opts.json) console.log(reportHeader(target.url, target.families));
    const report = await checkReceiver(options);
    console.log(opts.json ? JSON.stringify(report, null, 2) : reportSummary(report));
    process.exitCode = report.passed ? 0 : 1;
  });

// serve is the default command, so an unknown word would read as an argument to it: name it instead.
const first = process.argv[2];
if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
  console.error(`error: unknown command '${first}'; the commands are ${COMMANDS.slice(0, -1).join(', ')} (sent-sim --help)`);
  process.exit(1);
}

program.parseAsync(process.argv).catch((err: unknown) => {
  // A bad scenario file, a busy port or an unusable setting stops start-up with one line naming it.
  const message = err instanceof ScenarioFileError ? `invalid scenario file ${err.message}` : err instanceof Error ? err.message : String(err);
  console.error(`error: ${message.replace(/\s*\n\s*/g, ' ')}`);
  process.exit(1);
});
