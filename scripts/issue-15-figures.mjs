// Re-measures the figures of issue 15 ("one request must never take the shared simulator
// down") against a built simulator, one fresh process per row, and prints them as JSON.
//
//   npm run build && node scripts/issue-15-figures.mjs                 (every row, ~5 min)
//   node scripts/issue-15-figures.mjs --root /path/to/other/checkout   (its dist/, to compare)
//   node scripts/issue-15-figures.mjs --only 2,6                       (some rows)
//
// Every child is killed on exit, SIGINT and SIGTERM. All traffic stays on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, call, figureArgs, pct, pool, runRows, safe, sleep, start as startAt, tally } from './support/figures.mjs';

const { root: ROOT, only: ONLY } = figureArgs(path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const start = (extra, options) => startAt(ROOT, extra, options);

/** The memory rows report heap + external after a full GC ("held"), besides RSS, which keeps freed pages. */
const ROWS = {
  async 1() {
    const sim = await start();
    const exported = (await call(sim.port, 'GET', '/_sim/export', { key: ADMIN })).json;
    const imported = await safe(call(sim.port, 'POST', '/_sim/import', { key: ADMIN, body: { ...exported, clock_offset_ms: 1e20 } }));
    await sleep(200);
    const aliveAfterImport = sim.alive();
    let advances = 0;
    let refusal = null;
    const key = 'sk_test_issue15_row1';
    while (sim.alive() && advances < 30_000) {
      const res = await safe(call(sim.port, 'POST', '/_sim/clock/advance', { key, body: { seconds: 315_360_000 } }));
      if (res.status !== 200) {
        refusal = res.status;
        break;
      }
      advances++;
    }
    await sleep(200);
    const later = await safe(call(sim.port, 'GET', '/v3/profiles', { key }));
    await sim.stop();
    return { importStatus: imported.status, aliveAfterImport, maximalAdvancesAccepted: advances, thenAnswered: refusal, aliveAfterAdvances: later.status === 200 };
  },

  async 2() {
    const out = {};
    for (const n of [10_000, 20_000]) {
      const sim = await start(['--body-limit', String(64 * 1024 * 1024), '--no-demo']);
      const key = `sk_test_issue15_row2_${n}`;
      await call(sim.port, 'PATCH', '/_sim/tenant', { key, body: { brand: BRAND } });
      const profile = (await call(sim.port, 'POST', '/v3/profiles', { key, body: { name: 'P', short_name: 'PRO', description: 'd', brand: BRAND, inherit_tcr_campaign: false } })).json.data;
      await call(sim.port, 'POST', `/v3/profiles/${profile.id}/campaigns`, { key, body: CAMPAIGN });
      const snap = (await call(sim.port, 'GET', '/_sim/export', { key })).json;
      const [p] = snap.collections.profiles;
      const [c] = snap.collections.campaigns;
      const profiles = Array.from({ length: n }, (_, i) => ({ ...p, id: randomUUID(), name: `Profile ${i}` }));
      const campaigns = profiles.map((x, i) => ({ ...c, id: randomUUID(), profileId: x.id, name: `Campaign ${i}` }));
      const body = JSON.stringify({ ...snap, collections: { ...snap.collections, profiles, campaigns } });
      const imported = await safe(call(sim.port, 'POST', '/_sim/import', { key, body, timeout: 600_000 }));
      // The import's garbage is collected first: the view is what is measured, five times.
      await sleep(3000);
      const views = [];
      const other = [];
      for (let i = 0; i < 5; i++) {
        const probing = safe(call(sim.port, 'GET', '/v3/profiles', { key: 'sk_test_issue15_other' }));
        views.push(await safe(call(sim.port, 'GET', '/_sim/tenant', { key, timeout: 600_000 })));
        other.push((await probing).ms);
      }
      const page = await safe(call(sim.port, 'GET', '/_sim/tenant?page=10&page_size=1000', { key }));
      const ms = views.map((v) => v.ms).sort((a, b) => a - b);
      out[`${n}+${n}`] = {
        importStatus: imported.status,
        importMs: Math.round(imported.ms),
        viewStatus: views[0].status,
        viewMedianMs: Math.round(ms[2]),
        viewMaxMs: Math.round(ms[4]),
        viewBytes: JSON.stringify(views[0].json ?? '').length,
        page10of1000Ms: Math.round(page.ms),
        otherTenantGetDuringViewMaxMs: Math.round(Math.max(...other)),
      };
      await sim.stop();
    }
    return out;
  },

  async 3() {
    const out = {};
    {
      const sim = await start(['--no-demo']);
      const before = await sim.retainedMiB();
      const results = await pool(50_000, 50, (i) => safe(call(sim.port, 'GET', '/v3/profiles', { key: `sk_test_issue15_tenant_${i}` })));
      out.tenants50k = { statuses: tally(results), heldBeforeMiB: before, rssAfterMiB: sim.rssMiB(), heldAfterMiB: await sim.retainedMiB(), alive: sim.alive() };
      await sim.stop();
    }
    {
      const sim = await start();
      const before = await sim.retainedMiB();
      const url = `http://127.0.0.1:9/${'u'.repeat(1_000_000)}`;
      const ids = await pool(1000, 16, async () => (await call(sim.port, 'POST', '/v3/profiles', { key: ADMIN, body: { name: 'Hook', short_name: 'HOOK', description: 'd' } })).json.data.id);
      const results = await pool(1000, 16, (i) => safe(call(sim.port, 'POST', `/v3/profiles/${ids[i]}/complete`, { key: ADMIN, body: { webHookUrl: url } })));
      const view = (await call(sim.port, 'GET', '/_sim/tenant?page_size=1', { key: ADMIN })).json;
      out.jobsWith1MBUrls = { statuses: tally(results), pendingJobs: view.totals?.pending_jobs ?? view.pending_jobs?.length, heldBeforeMiB: before, rssAfterMiB: sim.rssMiB(), heldAfterMiB: await sim.retainedMiB() };
      await sim.stop();
    }
    {
      const sim = await start();
      const before = await sim.retainedMiB();
      const big = { name: 'Sandbox', description: 'd'.repeat(1_000_000), sandbox: true };
      const largest = { name: 'n'.repeat(255), description: 'd'.repeat(4096), icon: `https://x.example/${'i'.repeat(2000)}`, sandbox: true };
      const first = await pool(500, 8, (i) => safe(call(sim.port, 'POST', '/v3/profiles', { key: ADMIN, body: big, headers: { 'idempotency-key': `sandbox-${i}` } })));
      const mid = await sim.retainedMiB();
      const second = await pool(2000, 8, (i) => safe(call(sim.port, 'POST', '/v3/profiles', { key: ADMIN, body: largest, headers: { 'idempotency-key': `largest-${i}` } })));
      const profiles = (await call(sim.port, 'GET', '/v3/profiles', { key: ADMIN })).json.data.profiles.length;
      out.sandboxReplies = { oneMegabyte: tally(first), largestAllowed2000: tally(second), heldBeforeMiB: before, heldAfter1MBMiB: mid, rssAfterMiB: sim.rssMiB(), heldAfterLargestMiB: await sim.retainedMiB(), profilesStored: profiles };
      await sim.stop();
    }
    return out;
  },

  async 4() {
    const sim = await start();
    const owner = 'sk_test_issue15_row4';
    const profile = (await call(sim.port, 'POST', '/v3/profiles', { key: owner, body: { name: 'P' } })).json.data;
    const keyFor = async (role, profile_id = null) => (await call(sim.port, 'POST', '/_sim/tenant/keys', { key: owner, body: { role, profile_id } })).json.key;
    const keys = { developer: await keyFor('developer'), billing: await keyFor('billing'), 'profile-admin': await keyFor('admin', profile.id), 'profile-developer': await keyFor('developer', profile.id) };
    const snapshot = (await call(sim.port, 'GET', '/_sim/export', { key: owner })).json;
    const ops = {
      'read signing secret': async (k) => {
        const r = await call(sim.port, 'GET', '/_sim/tenant', { key: k });
        return r.status === 200 && typeof r.json?.callback_signing_secret === 'string';
      },
      'PATCH tenant': async (k) => (await call(sim.port, 'PATCH', '/_sim/tenant', { key: k, body: { settings: { callback_max_attempts: 5 } } })).status === 200,
      'create key': async (k) => (await call(sim.port, 'POST', '/_sim/tenant/keys', { key: k, body: { role: 'owner' } })).status === 201,
      'advance clock': async (k) => (await call(sim.port, 'POST', '/_sim/clock/advance', { key: k, body: { seconds: 1 } })).status === 200,
      'import forged state': async (k) => (await call(sim.port, 'POST', '/_sim/import', { key: k, body: { ...snapshot, collections: { ...snapshot.collections, profiles: [] } } })).status === 200,
      'set scenario': async (k) => (await call(sim.port, 'PUT', '/_sim/scenarios/active', { key: k, body: { name: 'completion-failed' } })).status === 200,
      reset: async (k) => (await call(sim.port, 'POST', '/_sim/reset', { key: k })).status === 200,
    };
    let succeeded = 0;
    const detail = {};
    for (const [kind, k] of Object.entries(keys)) {
      for (const [op, run] of Object.entries(ops)) {
        const ok = await run(k);
        if (ok) succeeded++;
        detail[`${kind}: ${op}`] = ok;
      }
    }
    await sim.stop();
    return { attempts: 28, succeeded, succeededWhich: Object.keys(detail).filter((k) => detail[k]) };
  },

  async 5() {
    const out = {};
    const serve25 = async (port) => {
      const lat = [];
      const res = await Promise.all(Array.from({ length: 25 }, async () => {
        const started = performance.now();
        const r = await safe(call(port, 'GET', '/v3/profiles', { key: ADMIN, timeout: 10_000, headers: { connection: 'close' } }));
        lat.push(performance.now() - started);
        return r;
      }));
      return { served: res.filter((r) => r.status === 200).length, maxMs: Math.round(Math.max(...lat)) };
    };
    const sockets = (port, n, head, bodyBytes = 0) =>
      Array.from({ length: n }, () => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.write(head);
          if (bodyBytes) s.write(Buffer.alloc(bodyBytes, 'a'));
        });
        s.on('error', () => undefined);
        // Read what the server answers (a 408), else the server's FIN is never seen.
        s.resume();
        s.closedByServer = false;
        s.on('close', () => (s.closedByServer = true));
        return s;
      });
    {
      const sim = await start();
      const slow = sockets(sim.port, 1000, `GET /v3/profiles HTTP/1.1\r\nHost: x\r\nx-api-key: ${ADMIN}\r\n`);
      await sleep(1000);
      const normal = await serve25(sim.port);
      await sleep(15_000);
      out.slowHeads1000 = { ...normal, slowSocketsCutWithin16s: slow.filter((s) => s.closedByServer).length };
      for (const s of slow) s.destroy();
      await sim.stop();
    }
    for (const [label, key] of [['unauthenticated', 'not-a-key'], ['authenticated', 'sk_test_issue15_row5']]) {
      const sim = await start();
      const before = await sim.retainedMiB();
      const held = [];
      for (let i = 0; i < 10; i++) {
        held.push(...sockets(sim.port, 100, `POST /v3/profiles HTTP/1.1\r\nHost: x\r\nx-api-key: ${key}\r\ncontent-type: application/json\r\ncontent-length: ${1024 * 1024}\r\n\r\n{"name":"`, 512 * 1024));
        await sleep(100);
      }
      await sleep(3000);
      const during = sim.rssMiB();
      const heldDuring = await sim.retainedMiB();
      const normal = await serve25(sim.port);
      await sleep(35_000);
      out[`halfSent1MiB_${label}1000`] = { heldBeforeMiB: before, rssWhileHeldMiB: during, heldWhileHeldMiB: heldDuring, ...normal, cutWithin38s: held.filter((s) => s.closedByServer).length, heldAfterMiB: await sim.retainedMiB() };
      for (const s of held) s.destroy();
      await sim.stop();
    }
    return out;
  },

  async 6() {
    const sim = await start();
    const bodies = [
      `{"name":"x","brand":${'['.repeat(500_000)}${']'.repeat(500_000)}}`,
      `{"name":"x","junk":{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":1`).join(',')}}}`,
    ].map((b) => Buffer.from(b));
    const quiet = [];
    for (let i = 0; i < 40; i++) {
      quiet.push((await call(sim.port, 'GET', '/v3/profiles', { key: ADMIN })).ms);
      await sleep(50);
    }
    let stop = false;
    const costs = [];
    const senders = Array.from({ length: 8 }, async (_, i) => {
      while (!stop) {
        const started = performance.now();
        void safe(call(sim.port, 'POST', '/v3/profiles', { key: `sk_test_issue15_row6_${i}`, body: bodies[i % 2] })).then((r) => costs.push(r));
        await sleep(Math.max(0, 200 - (performance.now() - started)));
      }
    });
    await sleep(1000);
    // 20 s of reads from another client (its own connection), one every 100 ms after the last
    // answer; a read that times out counts as 10 s.
    const reader = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const loaded = [];
    const until = performance.now() + 20_000;
    while (performance.now() < until) {
      const res = await safe(call(sim.port, 'GET', '/v3/profiles', { key: ADMIN, timeout: 10_000, via: reader }));
      loaded.push(res.status === 200 ? res.ms : 10_000);
      await sleep(100);
    }
    stop = true;
    await Promise.all(senders);
    reader.destroy();
    quiet.sort((a, b) => a - b);
    loaded.sort((a, b) => a - b);
    await sim.stop();
    return { quietGetP50Ms: pct(quiet, 0.5), loadedGetP50Ms: pct(loaded, 0.5), loadedGetP99Ms: pct(loaded, 0.99), loadedGets: loaded.length, hostileAnswered: tally(costs) };
  },

  async 7() {
    const sim = await start();
    const key = 'sk_test_issue15_row7';
    await call(sim.port, 'POST', '/v3/profiles', { key, body: { name: 'Kept' } });
    const snap = (await call(sim.port, 'GET', '/_sim/export', { key })).json;
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const body = JSON.stringify({ ...snap, collections: { ...snap.collections, profiles: [{ ...snap.collections.profiles[0], billing_contact: '§' }] } }).replace('"§"', deep);
    const imported = await safe(call(sim.port, 'POST', '/_sim/import', { key, body }));
    const list = await safe(call(sim.port, 'GET', '/v3/profiles', { key }));
    const view = await safe(call(sim.port, 'GET', '/_sim/tenant', { key }));
    await sim.stop();
    return { importStatus: imported.status, thenListStatus: list.status, profilesKept: list.json?.data?.profiles?.map((p) => p.name), thenViewStatus: view.status };
  },

  async 8() {
    const hanging = http.createServer(() => undefined);
    await new Promise((r) => hanging.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${hanging.address().port}/hook`;
    const sim = await start([], { logLevel: 'info' });
    const ids = await pool(50, 8, async () => (await call(sim.port, 'POST', '/v3/profiles', { key: ADMIN, body: { name: 'Cb', short_name: 'CBS', description: 'd' } })).json.data.id);
    await pool(50, 8, (i) => call(sim.port, 'POST', `/v3/profiles/${ids[i]}/complete`, { key: ADMIN, body: { webHookUrl: hook } }));
    const advance = safe(call(sim.port, 'POST', '/_sim/clock/advance', { key: ADMIN, body: { seconds: 2 }, headers: { connection: 'close' } }));
    await sleep(500);
    const inflight = Array.from({ length: 41 }, () => safe(call(sim.port, 'GET', '/v3/profiles', { key: ADMIN, headers: { 'x-sim-scenario': 'profile-slow', connection: 'close' } })));
    await sleep(300);
    const signalled = performance.now();
    sim.child.kill('SIGTERM');
    const answers = await Promise.all(inflight);
    const advanced = await advance;
    const exit = await sim.exited;
    hanging.closeAllConnections();
    hanging.close();
    const lines = sim
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    return {
      inFlightRequests: 41,
      answered200: answers.filter((a) => a.status === 200).length,
      reset: answers.filter((a) => a.status === 0).length,
      advanceStatus: advanced.status,
      callbacksInFlight: 50,
      callbacksRecorded: lines.filter((l) => l.msg === 'delivery attempt').length,
      callbacksRecordedAborted: lines.filter((l) => l.msg === 'delivery attempt' && /abort/.test(String(l.error))).length,
      exitCode: exit.code,
      exitSignal: exit.signal,
      exitAfterMs: Math.round(performance.now() - signalled),
    };
  },

  async 9() {
    const sim = await start();
    const id = (await call(sim.port, 'GET', '/v3/profiles', { key: ADMIN })).json.data.profiles[0].id;
    const res = await call(sim.port, 'PATCH', `/v3/profiles/${id}`, { key: ADMIN });
    await sim.stop();
    return { patchWithoutBody: res.status, code: res.json?.error?.code ?? null };
  },

  async 10() {
    const sim = await start();
    const created = await call(sim.port, 'POST', '/v3/profiles', { key: ADMIN, body: { name: 'First' }, headers: { 'idempotency-key': 'k15' } });
    const patched = await call(sim.port, 'PATCH', `/v3/profiles/${created.json.data.id}`, { key: ADMIN, body: { name: 'Renamed' }, headers: { 'idempotency-key': 'k15' } });
    await sim.stop();
    return { patchStatus: patched.status, replayed: patched.headers['idempotent-replayed'] === 'true', warning: patched.headers['x-sim-warning'] ?? null, nameAfter: patched.json?.data?.name };
  },

  async 11() {
    const empty = await start(['--admin-token', '']);
    const emptyExit = await Promise.race([empty.exited, sleep(3000).then(() => null)]);
    const withHeader = emptyExit ? null : (await safe(call(empty.port, 'GET', '/_sim/tenant', { key: ADMIN, headers: { 'x-sim-admin-token': '' } }))).status;
    if (!emptyExit) await empty.stop();
    const open = await start(['--host', '0.0.0.0'], { logLevel: 'info' });
    const warned = /without --admin-token/.test(open.output());
    await open.stop();
    return { emptyTokenExit: emptyExit?.code ?? 'kept running', emptyTokenMessage: emptyExit ? empty.output().trim().split('\n')[0] : null, emptyHeaderAccepted: withHeader === 200, publicHostWarning: warned };
  },

  async 12() {
    const spec = readFileSync(path.join(ROOT, 'spec/sent-v3.yaml'), 'utf8');
    const expiry = /expiry: '(\d\d\/\d\d)'/.exec(spec)?.[1];
    const sim = await start(['--no-demo']);
    const out = { exampleExpiry: expiry };
    for (const years of [1, 5, 10]) {
      const key = `sk_test_issue15_row12_${years}`;
      await call(sim.port, 'POST', '/_sim/clock/advance', { key, body: { seconds: years * 365 * 86_400 } });
      const res = await call(sim.port, 'POST', '/v3/profiles', { key, body: { name: 'Card', billing_model: 'profile', billing_contact: { name: 'J', email: 'j@example.com' }, payment_details: { card_number: '4242424242424242', expiry, cvc: '123', zip_code: '94105' } } });
      out[`clockPlus${years}y`] = res.status;
    }
    await sim.stop();
    return out;
  },
};

const BRAND = { contact: { name: 'Jane' }, compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'RETAIL', isTcrApplication: false } };
const CAMPAIGN = { campaign: { name: 'C', description: 'd', type: 'App', useCases: [{ messagingUseCaseUs: 'MARKETING', sampleMessages: ['Hi'] }] } };

await runRows(ROWS, { root: ROOT, only: ONLY });
