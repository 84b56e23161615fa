// Soak operations of issue 25 (bench/soak.mjs): the inspector's stream (row 4), a reader that
// stalls (row 6), webhook fan-out (row 1) and hostile imports (row 7). Each takes the soak's
// context — `{ port, call, note(label, outcome), clientError(message) }` — and returns one
// result, `{ status, ms, op }`, as the soak's other operations do.
import http from 'node:http';
import net from 'node:net';

/** Opens `GET /_sim/stream` and waits for its backlog (`ready`); `close()` drops it. A refusal is answered whole. */
function openStream(ctx, key) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get({ host: '127.0.0.1', port: ctx.port, path: '/_sim/stream', headers: { 'x-api-key': key }, agent: false, timeout: 10_000 }, (res) => {
      const done = () => resolve({ status: res.statusCode, ms: performance.now() - started, close: () => req.destroy() });
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', done);
        return;
      }
      let text = '';
      res.on('data', (chunk) => {
        if (text.includes('event: ready')) return;
        text += chunk;
        if (text.includes('event: ready')) done();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      ctx.clientError(`GET /_sim/stream: ${err.message}`);
      resolve({ status: 0, error: err.message, ms: performance.now() - started, close: () => {} });
    });
  });
}

/**
 * Issue 25 row 4: the inspector's stream, opened and dropped once its backlog is through; one time
 * in five, one more than the tenant may hold (`--max-streams`, 10), the last refused with 429.
 */
export async function stream(ctx, t) {
  if (Math.random() >= 0.2) {
    const one = await openStream(ctx, t.key);
    one.close();
    return { ...one, op: 'stream' };
  }
  const held = [];
  const opStart = performance.now();
  for (let i = 0; i < 10; i++) held.push(await openStream(ctx, t.key));
  const extra = await openStream(ctx, t.key);
  for (const s of [...held, extra]) s.close();
  const opened = held.filter((s) => s.status === 200).length;
  // Another run of this op may hold some of the tenant's slots: then fewer open, and the refusal still comes.
  // A stalled stream (below) that let its slot go meanwhile (or a moment before: the server frees it
  // once it sees the close) leaves room for the eleventh.
  const raced = (t.stallChangedAt ?? -Infinity) > opStart - 1000;
  ctx.note('streams', extra.status === 429 || opened < 10 || raced ? 'refused as expected' : `UNEXPECTED ${extra.status}`);
  return { ...extra, status: held.some((s) => s.status === 0) ? 0 : extra.status, op: 'streams-past-the-cap' };
}

/**
 * Issue 25 row 6: a stream whose reader reads its head and then nothing for 3 s, while the tenant
 * goes on (the simulator holds at most `--stream-buffer` for it, then skips with a resync).
 */
export function stalledStream(ctx, t) {
  // Noted when it opens and when it closes, so the op above can tell its slot came or went.
  const counted = () => (t.stallChangedAt = performance.now());
  counted();
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(ctx.port, '127.0.0.1', () => socket.write(`GET /_sim/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${t.key}\r\n\r\n`));
    socket.once('data', (chunk) => {
      socket.pause();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(String(chunk))?.[1] ?? 0);
      setTimeout(() => (socket.destroy(), counted(), resolve({ status, ms: performance.now() - started, op: 'stream-stalled' })), 3000);
    });
    socket.on('error', (err) => {
      counted();
      ctx.clientError(`stalled /_sim/stream: ${err.message}`);
      resolve({ status: 0, error: err.message, ms: performance.now() - started, op: 'stream-stalled' });
    });
  });
}

const numbers = (n) => Array.from({ length: n }, (_, i) => `+1415${String(5_000_000 + i).padStart(7, '0')}`);

/**
 * Issue 25 row 1: a tenant keeps three webhooks on the soak's receiver (made again after a reset);
 * its sends fan out to them (3 numbers × 3 webhooks, delivered as the clock advances: a tenant's
 * delivery log stays small enough for the export and import ops to carry it), and one time in
 * five a send past `--max-send-fanout` (the soak sets 2,000: 1,000 numbers × 4 channels is past it
 * whatever webhooks the tenant has at that moment) must be refused with 400.
 */
export async function fanout(ctx, t, receiverUrl) {
  if ((t.webhooks ?? 0) < 3) {
    const res = await ctx.call(t.key, 'POST', '/v3/webhooks', { display_name: 'Soak', endpoint_url: receiverUrl, event_types: ['message'] });
    if (res.status === 201) t.webhooks = (t.webhooks ?? 0) + 1;
    return { ...res, op: 'fanout-webhook' };
  }
  if (Math.random() < 0.2) {
    const res = await ctx.call(t.key, 'POST', '/v3/messages', { to: numbers(1000), channel: ['sms', 'whatsapp', 'rcs', 'sent'], text: 'Hello' });
    ctx.note('fan-out past the cap', res.status === 400 && res.json?.error?.code === 'BUSINESS_008' ? 'refused as expected' : `UNEXPECTED ${res.status}`);
    return { ...res, op: 'fanout-past-the-cap' };
  }
  return { ...(await ctx.call(t.key, 'POST', '/v3/messages', { to: numbers(3), channel: ['sms'], text: 'Hello' })), op: 'fanout-send' };
}

/**
 * Issue 25 row 7: the tenant's own export with a job that breaks its kind's schema (a delivery
 * asking for a million attempts, a message step without ids) or two jobs sharing a key: each must
 * be refused with 400, nothing replaced.
 */
export async function hostileImport(ctx, t) {
  const exported = await ctx.call(t.key, 'GET', '/_sim/export');
  if (exported.status !== 200) return { ...exported, op: 'export' };
  const at = exported.json.exported_at;
  const bad = [
    ['million-attempts', [{ id: 'job_soak_a', kind: 'delivery.attempt', due_at: at, key: null, payload: { source: 'webhook', ref: 'r', delivery_id: 'd', signature_id: 's', url: 'http://127.0.0.1:9/', body: '{}', attempt: 1, max_attempts: 1_000_000 } }]],
    ['step-without-ids', [{ id: 'job_soak_b', kind: 'message-step', due_at: at, key: null, payload: { step: 'send' } }]],
    ['duplicate-keys', ['job_soak_c', 'job_soak_d'].map((id) => ({ id, kind: 'template.review', due_at: at, key: 'soak', payload: { template_id: 't' } }))],
  ];
  const [label, jobs] = bad[Math.floor(Math.random() * bad.length)];
  // The export's organization and settings, no records: small whatever the tenant holds (a refusal must not depend on the body limit).
  const { format, clock_offset_ms, organization, settings } = exported.json;
  const res = await ctx.call(t.key, 'POST', '/_sim/import', { format, clock_offset_ms, organization, settings, collections: {}, jobs });
  ctx.note(`import-${label}`, res.status === 400 ? 'refused as expected' : `UNEXPECTED ${res.status}`);
  return { ...res, op: 'import-hostile' };
}
