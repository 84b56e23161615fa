// sent-sim conformance: every request and response checked against spec/sent-v3.yaml by
// Stoplight Prism's validation proxy (a referee we did not write).
//
//   npm run conformance            (builds, then runs this)
//
// Starts the compiled simulator and three `prism proxy` processes, all on 127.0.0.1:
//   strict   prism proxy spec <simulator> --errors   every valid request goes through it
//   lenient  prism proxy spec <simulator>            deliberately invalid requests (Prism must flag
//                                                    the request; the response must still conform)
//   planted  prism proxy spec <planted> --errors     the self-check: responses we break on purpose
// Any violation Prism reports (the `sl-violations` header, a Prism-written problem document, a
// "Violation:" log line), any failed expectation or self-check fails the run. Webhook deliveries
// and completion callbacks (which Prism never sees) are checked against the spec's `webhooks:`
// and callback schemas and their signatures. Children are killed on exit, error and Ctrl-C; the
// run is bounded to 120 s.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  HOST,
  PRISM_BIN,
  Recorder,
  SIM_CLI,
  SPEC_PATH,
  controlClient,
  freePort,
  installCleanup,
  proxyClient,
  spawnChild,
  stopAll,
  waitForHttp,
} from './conformance/harness.mjs';
import { access, idempotency, invalidRequests, profileBasics, rateLimits, sandbox } from './conformance/flows.mjs';
import { contacts, meAndNumbers, users } from './conformance/directory.mjs';
import { checkDeliveries, messages, templates, webhooks } from './conformance/events.mjs';
import { scheduling } from './conformance/scheduling.mjs';
import { campaignsAndCompletion, inherited, scenarios, startReceiver } from './conformance/lifecycle.mjs';
import { channels } from './conformance/channels.mjs';
import { runSelfCheck, startPlantServer } from './conformance/self-check.mjs';
import { callbackValidator, loadSpec, matchOperation, responseSchema, responseValidator, specOperations, undeclaredKeys, webhookEventValidator } from './conformance/spec.mjs';

const DEADLINE_MS = 120_000;
const started = performance.now();
installCleanup(DEADLINE_MS);

if (!existsSync(SIM_CLI)) {
  console.error(`${SIM_CLI} is missing: run \`npm run build\` first (or \`npm run conformance\`).`);
  process.exit(1);
}

const spec = loadSpec();
const recorder = new Recorder();
const runId = Math.random().toString(36).slice(2, 8);
// With --errors Prism logs a violation as "Request terminated with error: …#VIOLATIONS", without it
// as "Violation: <location> <message>"; "Remocking" means an upstream 501 was replaced by a mock.
// The readiness poll (`GET /`, no such route) is the one expected "Request terminated" line.
const notable = (line) => /Violation:|Request terminated with error|Remocking|has returned 501/.test(line) && !/\] get \/ /.test(line);

// ---------------------------------------------------------------------------------------
// Start everything
// ---------------------------------------------------------------------------------------
const [simPort, strictPort, lenientPort, plantedPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
const simUrl = `http://${HOST}:${simPort}`;
const plantServer = await startPlantServer();
const receiver = await startReceiver();
const sim = spawnChild('sent-sim', [SIM_CLI, 'serve', '--port', String(simPort), '--host', HOST, '--log-format', 'json', '--log-level', 'warn'], {
  keep: (line) => /"level":(40|50|60)/.test(line),
});
const prism = (name, upstream, port, errors) =>
  spawnChild(name, [PRISM_BIN, 'proxy', SPEC_PATH, upstream, ...(errors ? ['--errors'] : []), '--port', String(port), '--host', HOST], { keep: notable });
const strictPrism = prism('prism proxy --errors (strict)', simUrl, strictPort, true);
const lenientPrism = prism('prism proxy (lenient)', simUrl, lenientPort, false);
const plantedPrism = prism('prism proxy --errors (planted)', plantServer.url, plantedPort, true);
await Promise.all([
  waitForHttp(sim, `${simUrl}/v3/profiles`),
  waitForHttp(strictPrism, `http://${HOST}:${strictPort}/`),
  waitForHttp(lenientPrism, `http://${HOST}:${lenientPort}/`),
  waitForHttp(plantedPrism, `http://${HOST}:${plantedPort}/`),
]);
const readyMs = performance.now() - started;

const t = {
  recorder,
  receiver,
  S: proxyClient({ baseUrl: `http://${HOST}:${strictPort}`, mode: 'strict', recorder }),
  L: proxyClient({ baseUrl: `http://${HOST}:${lenientPort}`, mode: 'lenient', recorder }),
  control: controlClient({ baseUrl: simUrl, recorder }),
  validateCallback: callbackValidator(spec),
  validateEvent: webhookEventValidator(spec),
  validateResponse: responseValidator(spec),
  newKey: (label) => `sk_test_conformance_${runId}_${label.replace(/[^A-Za-z0-9]/g, '_')}`,
  step: (name) => {
    recorder.step = name;
  },
  expectThat: (ok, message, step) => {
    if (!ok) recorder.expectation(message, step);
  },
  noSecrets: (res, secrets) => {
    const leaked = [...secrets, '"access_token"', '"card_number"', '"cvc"', '"deleted_at"'].filter((s) => res.text.includes(s));
    recorder.check('secrets', `${res.method} ${res.path} returns no secret or simulator-only field`, leaked.length === 0, `leaked: ${leaked.join(', ')}`);
  },
};

// ---------------------------------------------------------------------------------------
// Flows. A flow that throws is a failure; the others still run.
// ---------------------------------------------------------------------------------------
const flow = async (name, fn) => {
  try {
    return await fn();
  } catch (err) {
    recorder.expectation(`flow "${name}" stopped: ${err.stack ?? err}`);
    return undefined;
  }
};
const profiles = await flow('profiles', () => profileBasics(t));
if (profiles) {
  await flow('invalid requests', () => invalidRequests(t, profiles));
  await flow('access', () => access(t, profiles));
  await flow('idempotency', () => idempotency(t, profiles));
  await flow('sandbox', () => sandbox(t, profiles));
}
await flow('rate limits', () => rateLimits(t));
await flow('campaigns and completion', () => campaignsAndCompletion(t));
await flow('inherited', () => inherited(t));
const events = await flow('webhooks', () => webhooks(t));
let deliveries = 0;
if (events) {
  const made = await flow('templates', () => templates(t, events));
  const sent = made && (await flow('messages', () => messages(t, events, made)));
  if (sent) await flow('scheduling', () => scheduling(t, events));
  if (sent) deliveries = (await flow('webhook deliveries', () => checkDeliveries(t, events, sent))) ?? 0;
}
const account = await flow('contacts', () => contacts(t));
await flow('users', () => users(t));
if (account) await flow('me and numbers', () => meAndNumbers(t, account));
deliveries += (await flow('channels', () => channels(t))) ?? 0;
t.step('scenarios');
const scenarioRun = await flow('scenarios', () => scenarios(t, t.newKey('scenario-list')));
const selfCheck = await flow('self-check', () =>
  runSelfCheck({ spec, recorder, proxyUrl: `http://${HOST}:${plantedPort}`, plantServer, lenient: t.L, key: t.newKey('self-check') }),
);

// ---------------------------------------------------------------------------------------
// Checks over the whole run
// ---------------------------------------------------------------------------------------
t.step('whole run');
// Every operation the simulator serves must be exercised (one it does not serve yet answers 501 and is listed apart).
const { createDeps } = await import('../dist/deps.js');
const served = new Set([...createDeps().resources.values()].flatMap((r) => Object.keys(r.operations ?? {})));
const notServed = specOperations(spec).filter((op) => !served.has(op.operationId)).map((op) => op.operationId);
const coverage = new Map(specOperations(spec).filter((op) => served.has(op.operationId)).map((op) => [op.operationId, new Set()]));
const undeclared = new Map();
for (const exchange of [...recorder.exchanges, ...recorder.lenientExchanges]) {
  const op = matchOperation(spec, exchange.method, exchange.path);
  if (!op) continue;
  coverage.get(op.operationId)?.add(exchange.status);
  const schemaRef = exchange.json === undefined ? null : responseSchema(spec, op, exchange.status);
  if (!schemaRef) continue;
  // Prism accepts keys a schema does not declare; a leaked internal field would pass unseen.
  for (const u of undeclaredKeys(spec, schemaRef, exchange.json)) {
    const field = u.path.reduce((acc, p) => (typeof p === 'number' ? `${acc}[]` : acc ? `${acc}.${p}` : p), '');
    const where = `${op.operationId} ${exchange.status}: ${field} (spec ${u.pointer})`;
    undeclared.set(where, (undeclared.get(where) ?? 0) + 1);
  }
}
for (const [where, n] of undeclared) recorder.check('undeclared keys', `response key not in the spec: ${where}`, false, `${n} response(s)`);
for (const [operationId, statuses] of coverage) {
  const list = [...statuses];
  recorder.check('coverage', `${operationId} was exercised with a 2xx and an error`, list.some((s) => s < 300) && list.some((s) => s >= 400), `statuses: ${list.join(', ') || 'none'}`);
}
const strictLog = strictPrism.kept;
recorder.check('prism logs', 'the strict proxy logged no violation and re-mocked nothing', strictLog.length === 0, strictLog.slice(0, 10).join('\n'));
const lenientLog = lenientPrism.kept.filter((line) => /Violation: response|Request terminated with error|Remocking|has returned 501/.test(line));
recorder.check('prism logs', 'the lenient proxy logged no response violation', lenientLog.length === 0, lenientLog.slice(0, 10).join('\n'));
recorder.check('simulator logs', 'the simulator logged no warning or error', sim.kept.length === 0, sim.kept.slice(0, 5).join('\n'));

await receiver.close();
await plantServer.close();
await stopAll();

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------
const out = [];
out.push('sent-sim conformance — spec/sent-v3.yaml through Stoplight Prism 5.14 `prism proxy --errors`');
out.push(`  simulator ${simUrl} (dist/cli.js) · strict proxy :${strictPort} · lenient proxy :${lenientPort} · planted proxy :${plantedPort} · ready in ${(readyMs / 1000).toFixed(1)} s`);
out.push('');
out.push('Operations (statuses seen through Prism):');
for (const [operationId, statuses] of coverage) out.push(`  ${operationId.padEnd(22)} ${[...statuses].sort().join(' ')}`);
if (notServed.length > 0) out.push(`  not simulated yet (answer 501): ${notServed.join(', ')}`);
out.push('');
if (scenarioRun?.skipped) out.push(`Scenarios: skipped (${scenarioRun.skipped}).`);
else if (scenarioRun?.results) {
  out.push(`Scenarios (${scenarioRun.results.length}, each probed with every operation under x-sim-scenario):`);
  for (const r of scenarioRun.results) {
    const errors = r.statuses.filter((s) => !/ 2\d\d$/.test(s));
    out.push(`  ${r.name.padEnd(34)} ${errors.length ? errors.join(', ') : 'all 2xx'}${r.callbacks.length ? ` · callbacks: ${r.callbacks.join(', ')}` : ''} · events: ${r.events}`);
  }
}
out.push('');
const failedChecks = recorder.checks.filter((c) => !c.ok);
if (recorder.violations.length) {
  out.push(`PRISM VIOLATIONS (${recorder.violations.length}):`);
  for (const v of recorder.violations.slice(0, 60)) out.push(`  [${v.step}] ${v.label} → ${v.status}: ${v.severity} ${(v.location ?? []).join('.')} — ${v.message}`);
  if (recorder.violations.length > 60) out.push(`  … and ${recorder.violations.length - 60} more`);
  out.push('');
}
if (recorder.expectationFailures.length) {
  out.push(`FAILED EXPECTATIONS (${recorder.expectationFailures.length}):`);
  for (const e of recorder.expectationFailures) out.push(`  ${e}`);
  out.push('');
}
if (failedChecks.length) {
  out.push(`FAILED CHECKS (${failedChecks.length}):`);
  for (const c of failedChecks) out.push(`  [${c.group}] ${c.name}${c.detail ? ` — ${c.detail}` : ''}`);
  out.push('');
}
const passed = (group) => recorder.checks.filter((c) => c.group === group && c.ok).length;
const total = (group) => recorder.checks.filter((c) => c.group === group).length;
const c = recorder.counts;
out.push('Summary:');
out.push(`  requests through Prism     ${c.strict + c.lenient + c.planted} (strict ${c.strict}, lenient ${c.lenient} deliberately invalid, planted ${c.planted} for the self-check)`);
out.push(`  control-plane calls        ${c.control} (direct to the simulator) · callbacks received ${receiver.received.filter((r) => !r.label.startsWith('events')).length}`);
out.push(`  Prism violations           ${recorder.violations.length}`);
out.push(`  failed expectations        ${recorder.expectationFailures.length}`);
out.push(`  undeclared response keys   ${undeclared.size}`);
out.push(`  501s (direct; Prism mocks them) ${passed('not declared')}/${total('not declared')} answer BUSINESS_007 as the spec's NotDeclared`);
out.push(`  callbacks conform + signed ${passed('callbacks')}/${total('callbacks')} · no secrets leaked ${passed('secrets')}/${total('secrets')}`);
out.push(`  webhook deliveries         ${deliveries + (scenarioRun?.results ?? []).reduce((n, r) => n + r.events, 0)} received; ${passed('deliveries')}/${total('deliveries')} checks passed (spec webhooks: body and headers, signature, event-type header)`);
if (selfCheck) {
  out.push(`  self-check                 named planted errors caught ${selfCheck.namedCaught}/${selfCheck.named}; replayed ${selfCheck.pairs} (operation, status) pairs: ${selfCheck.caught}/${selfCheck.planted} planted errors caught; ${passed('self-check')}/${total('self-check')} checks passed`);
}
out.push(`  time                       ${((performance.now() - started) / 1000).toFixed(1)} s`);
const failures = recorder.failures();
out.push(failures === 0 ? 'PASS' : `FAIL (${failures} problem${failures === 1 ? '' : 's'})`);
console.log(out.join('\n'));
process.exit(failures === 0 ? 0 : 1);
