// A/B of two builds by server CPU per request, for a machine shared with other work.
//
//   node bench/ab-cpu.mjs --a <dir> [--b <dir>] [--endpoint retrieve|create|send] [--rounds 4] [--seconds 5]
//                         [--a-args "<serve flags>"] [--b-args "<serve flags>"]
//
// <dir> is a package root holding a build (`dist/cli.js`, plus `spec/`, `scenarios/`, `ui/` and
// a `node_modules` it can resolve; default for --b: this repository), or `minimal-express` for the
// reference server (bench/servers/minimal-express.mjs; retrieve and create). Each round starts A and B
// in turn (the order alternates between rounds), loads one endpoint with autocannon
// (50 connections, keep-alive) for a 1 s warm-up and `--seconds` of measurement, and reads the
// server's CPU time (user + system, /proc/<pid>/stat) over the measurement: CPU µs per request
// is far less sensitive to other load than req/s, and interleaving spreads what load there is
// over both. Prints each round and the median of each side.
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cpuSample, freePort, HOST, installCleanup, median, requestJson, ROOT, spawnChild, stopChild, waitForStatus } from './lib.mjs';
import { CREATE_BODY } from './payloads.mjs';

installCleanup();

const { values: args } = parseArgs({
  options: { a: { type: 'string' }, b: { type: 'string' }, endpoint: { type: 'string' }, rounds: { type: 'string' }, seconds: { type: 'string' }, 'a-args': { type: 'string' }, 'b-args': { type: 'string' } },
});
const REFERENCE = 'minimal-express';
const rootOf = (value) => (value === REFERENCE ? REFERENCE : path.resolve(value));
const roots = { A: rootOf(args.a ?? ''), B: rootOf(args.b ?? ROOT) };
if (!args.a) throw new Error('usage: node bench/ab-cpu.mjs --a <dir> [--b <dir>] [--endpoint retrieve|create|send] [--rounds 4] [--seconds 5]');
const extraArgs = { A: (args['a-args'] ?? '').split(' ').filter(Boolean), B: (args['b-args'] ?? '').split(' ').filter(Boolean) };
const endpoint = args.endpoint ?? 'retrieve';
const rounds = Number(args.rounds ?? 4);
const seconds = Number(args.seconds ?? 5);
const TICK_US = 10_000; // /proc CPU counters are in 10 ms ticks (USER_HZ 100)
const SEND_BODY = JSON.stringify({ to: ['+14155550100'], text: 'Hello from the bench', channel: ['sms'] });

async function measure(label) {
  const port = await freePort();
  const key = `sk_test_ab_${Math.random().toString(36).slice(2, 10)}`;
  const root = roots[label];
  const server =
    root === REFERENCE
      ? spawnChild(REFERENCE, process.execPath, [path.join(ROOT, 'bench', 'servers', 'minimal-express.mjs'), '--port', String(port)])
      : spawnChild(`sent-sim ${label}`, process.execPath, [path.join(root, 'dist', 'cli.js'), 'serve', '--port', String(port), '--host', HOST, '--log-format', 'json', ...extraArgs[label]], { cwd: root });
  try {
    await waitForStatus(server, port, { headers: { 'x-api-key': key } });
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    const created = await requestJson({ port, method: 'POST', path: '/v3/profiles', headers, body: CREATE_BODY });
    const load = {
      retrieve: { method: 'GET', path: `/v3/profiles/${created.json.data.id}` },
      create: { method: 'POST', path: '/v3/profiles', body: CREATE_BODY },
      send: { method: 'POST', path: '/v3/messages', body: SEND_BODY },
    }[endpoint];
    if (!load) throw new Error(`unknown endpoint ${endpoint}`);
    const run = (duration) => autocannon({ url: `http://${HOST}:${port}${load.path}`, method: load.method, body: load.body, headers, connections: 50, duration });
    await run(1);
    const before = cpuSample([server.child.pid]);
    const result = await run(seconds);
    const after = cpuSample([server.child.pid]);
    const answered = result.requests.total;
    return { label, rps: Math.round(result.requests.average), cpuUs: ((after.own - before.own) * TICK_US) / answered, non2xx: result.non2xx };
  } finally {
    await stopChild(server);
  }
}

const results = { A: [], B: [] };
for (let round = 0; round < rounds; round++) {
  for (const label of round % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
    const r = await measure(label);
    results[label].push(r);
    console.log(`round ${round + 1} ${label}: ${r.rps} req/s, ${r.cpuUs.toFixed(0)} µs CPU/req${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`);
  }
}
for (const label of ['A', 'B']) {
  const rows = results[label];
  // The minimum is the round least disturbed by other work; the median, the typical one.
  const cpu = rows.map((r) => r.cpuUs);
  console.log(`${label} (${roots[label]}): median ${median(cpu).toFixed(0)} µs CPU/req (min ${Math.min(...cpu).toFixed(0)}), ${median(rows.map((r) => r.rps))} req/s`);
}
