// The package as a user gets it (issue 12): `npm pack`, install the tarball in a scratch project,
// then check that `npx sent-sim serve` answers and that a strict TypeScript program can
// `import { createSimulator } from 'sent-sim'`, type-check and run. Run by CI (.ci/run).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

  // A strict TypeScript consumer, compiled with this repository's TypeScript.
  writeFileSync(
    join(scratch, 'use.ts'),
    `import { createSimulator, type Simulator } from 'sent-sim';
// A module's cap as a library option: its config key reaches the declarations (docs/decisions/0024).
const sim: Simulator = createSimulator({ seed: 1, config: { maxWebhooksPerTenant: 5, bodyLimit: 65536 } });
const { url, close } = await sim.listen({ port: 0 });
const res = await fetch(url + '/healthz');
const body = (await res.json()) as { status: string };
if (body.status !== 'ok') throw new Error('healthz: ' + JSON.stringify(body));
await close();
await sim.close();
console.log('library: createSimulator served ' + url + '/healthz');
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
