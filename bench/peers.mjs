// The servers bench/run.mjs compares, and how each is configured from ONE fixture: the bytes
// sent-sim answered to `GET /v3/profiles/{id}` and `POST /v3/profiles`, captured at the start of
// the run.
//
//   static peers    WireMock, Mockoon: two stubs answering exactly the captured bytes;
//                   Prism: the spec's own examples (it cannot be given other bytes);
//   stateful peer   json-server: an in-memory collection seeded with the captured profile;
//                   POSTs are stored (and returned as stored);
//   references      minimal Express (a Map seeded with the captured profile, stores POSTs),
//                   bare node:http (the captured bytes). Not peers: they say what Node and
//                   "Express + a Map" cost on this machine.
//
// Every server is a child on its own process group (bench/lib.mjs), on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, HOST, PRISM_BIN, ROOT, packageVersion, spawnChild, spawnSim } from './lib.mjs';

export const WIREMOCK_JAR = path.join(ROOT, 'node_modules', 'wiremock', 'build', `wiremock-standalone-${packageVersion('wiremock')}.jar`);
const MOCKOON_BIN = path.join(ROOT, 'node_modules', '@mockoon', 'cli', 'bin', 'run.js');
const JSON_SERVER_BIN = path.join(ROOT, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js');

let javaChecked;
/** `null` when `java` runs, else why not (WireMock is then skipped with that reason). */
export function javaMissing() {
  if (javaChecked === undefined) {
    const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (r.error) javaChecked = `java not found (${r.error.code ?? r.error.message})`;
    else if (r.status !== 0) javaChecked = `java -version failed (exit ${r.status})`;
    else javaChecked = null;
    if (javaChecked === null) javaVersion = (r.stderr || r.stdout).split('\n', 1)[0].trim();
  }
  return javaChecked;
}
let javaVersion = '';

/**
 * `kind`: subject (sent-sim), peer (counts for "the fastest peer"), reference (reported, not a
 * peer). `jvm`: gets the longer JIT warm-up (bench/run.mjs, WARMUP.jvmGet). `ready(fx)`: the GET polled for readiness and cold start (first 2xx answer).
 */
export const SERVERS = [
  {
    id: 'sim',
    label: 'sent-sim',
    kind: 'subject',
    stores: 'everything (the simulator)',
    ready: () => '/v3/profiles',
    start: (port) => spawnSim(port),
  },
  {
    id: 'wiremock',
    label: `WireMock ${packageVersion('wiremock')}`,
    kind: 'peer',
    stores: 'nothing (two static stubs; its request journal keeps every request, as by default)',
    jvm: true,
    skip: () => (javaMissing() ? `WireMock skipped: ${javaMissing()}` : null),
    ready: (fx) => `/v3/profiles/${fx.profileId}`,
    start: (port, fx) =>
      spawnChild('wiremock', 'java', ['-jar', WIREMOCK_JAR, '--port', String(port), '--bind-address', HOST, '--root-dir', fx.wiremockRoot, '--disable-banner']),
  },
  {
    id: 'mockoon',
    label: `Mockoon CLI ${packageVersion('@mockoon/cli')}`,
    kind: 'peer',
    stores: 'nothing (two static routes, templating off; keeps its last 100 transactions for its admin API)',
    ready: (fx) => `/v3/profiles/${fx.profileId}`,
    // -X: log to stdout only (no log file under ~/.mockoon-cli).
    start: (port, fx) => spawnChild('mockoon', process.execPath, [MOCKOON_BIN, 'start', '--data', fx.mockoonEnv, '--port', String(port), '--hostname', HOST, '--disable-log-to-file']),
  },
  {
    id: 'jsonserver',
    label: `json-server ${packageVersion('json-server')}`,
    kind: 'peer',
    stores: 'POSTs, in memory (lowdb Memory adapter: the db is a .js file, nothing is written to disk)',
    ready: (fx) => `/v3/profiles/${fx.profileId}`,
    start: (port, fx) =>
      spawnChild('json-server', process.execPath, [JSON_SERVER_BIN, fx.jsonServerDb, '--routes', fx.jsonServerRoutes, '--port', String(port), '--host', HOST], {
        cwd: fx.dir,
      }),
  },
  {
    id: 'prism',
    label: `Prism ${packageVersion('@stoplight/prism-cli')}`,
    kind: 'peer',
    stores: 'nothing (the spec’s examples; validates requests)',
    ready: () => '/v3/profiles',
    start: (port) => spawnChild('prism', process.execPath, [PRISM_BIN, 'mock', '-v', 'silent', '-h', HOST, '--port', String(port), path.join(ROOT, 'spec', 'sent-v3.yaml')]),
  },
  {
    id: 'express',
    label: 'minimal Express',
    kind: 'reference',
    stores: 'POSTs, in a Map',
    ready: (fx) => `/v3/profiles/${fx.profileId}`,
    start: (port, fx) =>
      spawnChild('minimal-express', process.execPath, [path.join(BENCH_DIR, 'servers', 'minimal-express.mjs'), '--port', String(port), '--seed', fx.expressSeed]),
  },
  {
    id: 'bare',
    label: 'bare node:http',
    kind: 'reference',
    stores: 'nothing (the captured bytes)',
    ready: (fx) => `/v3/profiles/${fx.profileId}`,
    start: (port, fx) => spawnChild('bare', process.execPath, [path.join(BENCH_DIR, 'servers', 'bare.mjs'), '--port', String(port), '--captures', fx.bareCaptures]),
  },
];

/** Versions and flags, for the results JSON and the report. */
export function serverVersions() {
  return {
    node: process.version,
    java: javaMissing() ? null : javaVersion,
    wiremock: packageVersion('wiremock'),
    mockoon: packageVersion('@mockoon/cli'),
    jsonServer: packageVersion('json-server'),
    prism: packageVersion('@stoplight/prism-cli'),
    express: packageVersion('express'),
    autocannon: packageVersion('autocannon'),
  };
}

/**
 * Writes every peer's configuration into `dir` from the captures
 * ({ retrieve: {status, contentType, body: Buffer}, create: {…} }) and returns the fixture:
 * paths plus `profileId` (the profile every server is asked for).
 */
export function writeFixture(dir, { profileId, retrieve, create }) {
  const fx = { dir, profileId };
  const profile = JSON.parse(retrieve.body.toString('utf8')).data;

  // bare node:http: base64 bytes per route.
  fx.bareCaptures = path.join(dir, 'captures.json');
  const cap = (c) => ({ status: c.status, contentType: c.contentType, body: c.body.toString('base64') });
  writeFileSync(fx.bareCaptures, JSON.stringify({ retrieve: cap(retrieve), create: cap(create) }));

  // WireMock: <root>/mappings/*.json, the body as base64 so the bytes are exact.
  fx.wiremockRoot = path.join(dir, 'wiremock');
  mkdirSync(path.join(fx.wiremockRoot, 'mappings'), { recursive: true });
  mkdirSync(path.join(fx.wiremockRoot, '__files'), { recursive: true });
  const stub = (method, urlPathPattern, c) => ({
    request: { method, urlPathPattern },
    response: { status: c.status, headers: { 'Content-Type': c.contentType }, base64Body: c.body.toString('base64') },
  });
  writeFileSync(path.join(fx.wiremockRoot, 'mappings', 'retrieve.json'), JSON.stringify(stub('GET', '/v3/profiles/[^/]+', retrieve)));
  writeFileSync(path.join(fx.wiremockRoot, 'mappings', 'create.json'), JSON.stringify(stub('POST', '/v3/profiles', create)));

  // Mockoon: an environment file (schema of @mockoon/commons 9.9, lastMigration 33) with two
  // routes, templating off so the body is sent verbatim, CORS headers off.
  fx.mockoonEnv = path.join(dir, 'mockoon.json');
  writeFileSync(fx.mockoonEnv, JSON.stringify(mockoonEnvironment([mockoonRoute('get', 'v3/profiles/:id', retrieve, 1), mockoonRoute('post', 'v3/profiles', create, 2)])));

  // json-server: a .js db (lowdb's Memory adapter: no file is written back) seeded with the
  // captured profile, and a route rewrite /v3/* → /*.
  fx.jsonServerDb = path.join(dir, 'db.js');
  writeFileSync(fx.jsonServerDb, `module.exports = () => (${JSON.stringify({ profiles: [profile] })});\n`);
  fx.jsonServerRoutes = path.join(dir, 'routes.json');
  writeFileSync(fx.jsonServerRoutes, JSON.stringify({ '/v3/*': '/$1' }));

  // minimal Express: its Map starts with the captured profile.
  fx.expressSeed = path.join(dir, 'express-seed.json');
  writeFileSync(fx.expressSeed, JSON.stringify([profile]));
  return fx;
}

function mockoonRoute(method, endpoint, c, n) {
  const uuid = `00000000-0000-4000-8000-00000000000${n}`;
  return {
    uuid,
    type: 'http',
    documentation: '',
    method,
    endpoint,
    responses: [
      {
        uuid: `00000000-0000-4000-8000-00000000010${n}`,
        body: c.body.toString('utf8'),
        latency: 0,
        statusCode: c.status,
        label: '',
        headers: [{ key: 'Content-Type', value: c.contentType }],
        bodyType: 'INLINE',
        filePath: '',
        databucketID: '',
        sendFileAsBody: false,
        rules: [],
        rulesOperator: 'OR',
        disableTemplating: true,
        fallbackTo404: false,
        default: true,
        crudKey: 'id',
        callbacks: [],
      },
    ],
    responseMode: null,
    streamingMode: null,
    streamingInterval: 0,
  };
}

function mockoonEnvironment(routes) {
  return {
    uuid: '00000000-0000-4000-8000-000000000000',
    lastMigration: 33,
    name: 'sent-sim bench',
    endpointPrefix: '',
    latency: 0,
    port: 3000,
    hostname: '',
    folders: [],
    routes,
    rootChildren: routes.map((r) => ({ type: 'route', uuid: r.uuid })),
    proxyMode: false,
    proxyHost: '',
    proxyRemovePrefix: false,
    tlsOptions: { enabled: false, type: 'CERT', pfxPath: '', certPath: '', keyPath: '', caPath: '', passphrase: '' },
    cors: false,
    headers: [],
    proxyReqHeaders: [{ key: '', value: '' }],
    proxyResHeaders: [{ key: '', value: '' }],
    data: [],
    callbacks: [],
  };
}
