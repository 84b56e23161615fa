/**
 * Issue 15 row 5: slow clients. The server the CLI runs (`simulator.listen`) gives a client a
 * limited time for its request head and for its whole request, caps open connections, and
 * authenticates before it reads a body. These tests wait in real time — transport timeouts
 * are real time — so their limits are set to a second or two.
 */
import { get as httpGet } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimConfig } from '../../src/deps.js';
import { simulatorFromDeps, type Listening } from '../../src/simulator.js';
import { tenantKey, testApp } from '../support/app.js';

const open: Array<{ close(): Promise<void> }> = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function serve(config: Partial<SimConfig>): Promise<Listening & { port: number }> {
  const { deps } = testApp({ config: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 1000, shutdownGraceMs: 0, ...config } });
  const sim = simulatorFromDeps(deps);
  open.push(sim);
  const listening = await sim.listen();
  return { ...listening, port: Number(new URL(listening.url).port) };
}

/** A GET on a connection of its own (no pooled keep-alive socket to count against the cap). */
function get(url: string, key: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpGet(url, { agent: false, headers: { 'x-api-key': key } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

/** A raw socket that sends `bytes`, and what comes back until the server closes it. */
function rawSocket(port: number, bytes: string | Buffer): { socket: Socket; answer: Promise<{ text: string; closedAfterMs: number }> } {
  const started = performance.now();
  const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
  sockets.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const answer = new Promise<{ text: string; closedAfterMs: number }>((resolve) => {
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfterMs: performance.now() - started }));
    socket.on('error', () => undefined);
  });
  return { socket, answer };
}

describe('slow clients (issue 15 row 5)', () => {
  it('serves normal requests while 200 sockets trickle their heads, and cuts those after the head timeout (issue 15 row 5)', async () => {
    const server = await serve({});
    const key = tenantKey();
    const slow = Array.from({ length: 200 }, () => rawSocket(server.port, `GET /v3/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${key}\r\n`));
    const statuses = await Promise.all(Array.from({ length: 25 }, () => get(`${server.url}/v3/profiles`, key)));
    expect(statuses).toEqual(Array(25).fill(200));
    const answers = await Promise.all(slow.map((s) => s.answer));
    // headersTimeout (1 s) is checked every second: cut within about 2 s, with a 408 in the envelope.
    for (const a of answers) expect(a.closedAfterMs).toBeLessThan(4000);
    expect(answers[0]!.text).toMatch(/^HTTP\/1\.1 408 .*"code":"VALIDATION_001"/s);
  });

  it('cuts a client that sends its body too slowly, with 408', async () => {
    const server = await serve({});
    const head = `POST /v3/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${tenantKey()}\r\ncontent-type: application/json\r\ncontent-length: ${1024 * 1024}\r\n\r\n`;
    const { answer } = rawSocket(server.port, Buffer.concat([Buffer.from(head), Buffer.alloc(100 * 1024, 'a')]));
    const { text, closedAfterMs } = await answer;
    expect(closedAfterMs).toBeLessThan(5000);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 401 to an unauthenticated request before it sends any of its body (issue 15 row 5)', async () => {
    const server = await serve({});
    const head = `POST /v3/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: not-a-key\r\ncontent-type: application/json\r\ncontent-length: ${1024 * 1024}\r\n\r\n`;
    const { socket, answer } = rawSocket(server.port, head);
    const first = await new Promise<string>((resolve) => socket.once('data', (c: Buffer) => resolve(c.toString('latin1'))));
    expect(first).toMatch(/^HTTP\/1\.1 401 .*"code":"AUTH_002"/s);
    socket.destroy();
    await answer;
  });

  it('drops connections past --max-connections, and serves again once they go (issue 15 row 5)', async () => {
    const server = await serve({ maxConnections: 5 });
    const key = tenantKey();
    const held = Array.from({ length: 5 }, () => rawSocket(server.port, ''));
    await new Promise((r) => setTimeout(r, 200));
    const extra = rawSocket(server.port, `GET /v3/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${key}\r\n\r\n`);
    const refused = await extra.answer;
    expect(refused.text).toBe('');
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.answer));
    expect(await get(`${server.url}/v3/profiles`, key)).toBe(200);
  });
});
