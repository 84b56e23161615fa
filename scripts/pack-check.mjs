// The package as a user gets it (issue 12): `npm pack`, install the tarball in a scratch project,
// then check that `npx sent-sim serve` answers and that a strict TypeScript program can
// `import { createSimulator } from 'sent-sim'`, type-check and run. Run by CI (.ci/run).
// Issue 26: the install holds no Pact and no native binary (Pact is an optional peer dependency
// that only `sent-sim verify` needs, and it says so), and `npx sent-sim check-receiver` grades a receiver.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'sent-sim-pack-'));
const run = (cmd, args, cwd = scratch) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  const tarball = join(scratch, run('npm', ['pack', '--silent', '--pack-destination', scratch], root).trim().split('\n').pop());
  const listing = run('tar', ['-tzf', tarball]).split('\n');
  const unwanted = listing.filter((f) => /^package\/(src|test|bench|scripts)\//.test(f) || f.endsWith('.map'));
  if (unwanted.length > 0) throw new Error(`the tarball holds files users do not need:\n${unwanted.slice(0, 10).join('\n')}`);
  console.log(`pack-check: ${listing.filter(Boolean).length} files in ${tarball.split('/').pop()}`);

  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);

  // Embedding installs no native binaries: no Pact, no package with an install script or a platform build.
  if (existsSync(join(scratch, 'node_modules/@pact-foundation'))) throw new Error('the install holds @pact-foundation packages; Pact must stay an optional peer dependency');
  const installed = JSON.parse(readFileSync(join(scratch, 'node_modules/.package-lock.json'), 'utf8')).packages;
  const native = Object.entries(installed).filter(([, p]) => p.hasInstallScript || p.os || p.cpu).map(([name]) => name);
  const binaries = readdirSync(join(scratch, 'node_modules'), { recursive: true }).filter((f) => String(f).endsWith('.node'));
  if (native.length > 0 || binaries.length > 0) throw new Error(`the install holds native code: ${[...native, ...binaries].slice(0, 10).join(', ')}`);
  console.log(`install: ${Object.keys(installed).length} packages, no Pact, no install scripts, no native binaries`);

  // verify without Pact: one clear line, exit 1.
  const verify = spawnSync('npx', ['--no-install', 'sent-sim', 'verify', '--provider-base-url', 'http://127.0.0.1:9', '--api-key', 'sk_test_pack_check'], { cwd: scratch, encoding: 'utf8' });
  const verifyLines = verify.stderr.trim().split('\n');
  if (verify.status !== 1 || verifyLines.length !== 1 || !verifyLines[0].includes('needs @pact-foundation/pact, an optional peer dependency')) {
    throw new Error(`sent-sim verify without Pact: exit ${verify.status}, stderr ${JSON.stringify(verify.stderr)}`);
  }
  console.log(`cli: npx sent-sim verify without Pact says: ${verifyLines[0]}`);

  // check-receiver through npx, against a receiver that verifies as Sent's docs ask.
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const wh = new Webhook(secret);
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        wh.verify(body, { 'webhook-id': req.headers['x-webhook-id'], 'webhook-timestamp': req.headers['x-webhook-timestamp'], 'webhook-signature': req.headers['x-webhook-signature'] });
        res.writeHead(204).end();
      } catch {
        res.writeHead(401).end();
      }
    });
  });
  await new Promise((done) => receiver.listen(0, '127.0.0.1', done));
  try {
    const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
    const checked = await new Promise((done) => {
      const child = spawn('npx', ['--no-install', 'sent-sim', 'check-receiver', url, '--secret', secret, '--json', '--events', 'message'], { cwd: scratch, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.on('close', (code) => done({ code, out }));
    });
    const report = JSON.parse(checked.out);
    if (checked.code !== 0 || report.passed !== true) throw new Error(`npx sent-sim check-receiver: exit ${checked.code}, ${checked.out.slice(0, 500)}`);
    console.log(`cli: npx sent-sim check-receiver graded a verifying receiver ready (${report.summary.must_passed}/${report.summary.must_total} must-pass checks)`);
  } finally {
    receiver.close();
  }

  // A strict TypeScript consumer, compiled with this repository's TypeScript.
  writeFileSync(
    join(scratch, 'use.ts'),
    `import { createSimulator, SimError, type ClockAdvanced, type Simulator, type SimTenant } from 'sent-sim';
// A module's cap as a library option: its config key reaches the declarations (docs/decisions/0024).
const sim: Simulator = createSimulator({ seed: 1, config: { maxWebhooksPerTenant: 5, bodyLimit: 65536 } });
const { url, close } = await sim.listen({ port: 0 });
const res = await fetch(url + '/healthz');
const body = (await res.json()) as { status: string };
if (body.status !== 'ok') throw new Error('healthz: ' + JSON.stringify(body));
// The in-process controls, typed (docs/guide/in-process.md): the clock, and a refusal as a SimError.
const tenant: SimTenant = sim.tenant('sk_test_pack_check');
const moved: ClockAdvanced = await tenant.clock.advance({ minutes: 1 });
const refused: unknown = await sim.tenant('not-a-key').view().catch((err: unknown) => err);
if (!(refused instanceof SimError) || refused.code !== 'AUTH_002') throw new Error('sim.tenant refused nothing: ' + String(refused));
await close();
await sim.close();
console.log('library: createSimulator served ' + url + '/healthz; sim.tenant advanced the clock to ' + moved.now);
`,
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023', 'DOM'], types: [], outDir: 'out', skipLibCheck: false } }),
  );
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);
  process.stdout.write(run(process.execPath, ['out/use.js']));

  // The CLI through npx, as the README shows it.
  await new Promise((done, fail) => {
    const child = spawn('npx', ['--no-install', 'sent-sim', 'serve', '--port', '0', '--log-format', 'json'], { cwd: scratch, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const timer = setTimeout(() => fail(new Error('npx sent-sim serve did not start in 20 s')), 20_000);
    let out = '';
    child.stdout.on('data', async (chunk) => {
      out += chunk;
      const url = /"url":"(http:[^"]+)"/.exec(out)?.[1];
      if (!url) return;
      child.stdout.removeAllListeners('data');
      try {
        const res = await fetch(`${url}/v3/profiles`, { headers: { 'x-api-key': 'sk_test_demo_admin' } });
        if (res.status !== 200) throw new Error(`GET /v3/profiles answered ${res.status}`);
        console.log(`cli: npx sent-sim serve answered GET ${url}/v3/profiles with 200`);
        // The web inspector ships in the package (ui/) and loads without a key.
        for (const path of ['/_sim/ui/', '/_sim/ui/app.js', '/_sim/ui/inspector.css']) {
          const page = await fetch(`${url}${path}`);
          if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
        }
        console.log(`cli: the inspector loads at ${url}/_sim/ui/`);
        done();
      } catch (err) {
        fail(err);
      } finally {
        clearTimeout(timer);
        process.kill(-child.pid, 'SIGTERM');
      }
    });
  });
  console.log('pack-check: passed');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
