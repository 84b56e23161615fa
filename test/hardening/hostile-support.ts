/**
 * Helpers for hostile-input.test.ts: the routes that take a body, a raw HTTP/1.1 client (for
 * requests no well-behaved client will send), and the check that an answer is a clean error.
 */
import { connect } from 'node:net';
import { expect } from 'vitest';
import { envelopeProblems } from './spec-checker.js';
import { STACK_OR_HTML } from './support.js';

export interface Route {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
}

/** Every route that reads a body, with real ids of the tenant under attack. */
export function bodyRoutes(profileId: string, campaignId: string): Route[] {
  return [
    { method: 'POST', path: '/v3/profiles' },
    { method: 'PATCH', path: `/v3/profiles/${profileId}` },
    { method: 'DELETE', path: `/v3/profiles/${profileId}` },
    { method: 'POST', path: `/v3/profiles/${profileId}/complete` },
    { method: 'POST', path: `/v3/profiles/${profileId}/campaigns` },
    { method: 'PUT', path: `/v3/profiles/${profileId}/campaigns/${campaignId}` },
    { method: 'DELETE', path: `/v3/profiles/${profileId}/campaigns/${campaignId}` },
    { method: 'PATCH', path: '/_sim/tenant' },
    { method: 'POST', path: '/_sim/tenant/keys' },
    { method: 'POST', path: '/_sim/clock/advance' },
    { method: 'PUT', path: '/_sim/scenarios/active' },
    { method: 'POST', path: '/_sim/import' },
  ];
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Sends bytes as they are over a socket (`Connection: close` is the caller's to add) and parses
 * the answer. Ends after `timeoutMs` if the server never closes.
 */
export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const timer = setTimeout(() => socket.destroy(new Error('raw request timed out')), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') });
    });
  });
}

/**
 * A clean refusal: the expected status; on `/v3` the Sent envelope, on `/_sim` a problem
 * document; JSON either way; no stack trace and no HTML anywhere.
 */
export function expectCleanError(
  res: { status: number; headers: Record<string, string | string[] | undefined>; text: string },
  path: string,
  status: number | number[],
): Record<string, unknown> {
  const label = `${path} → ${res.status} ${res.text.slice(0, 300)}`;
  expect([status].flat(), label).toContain(res.status);
  expect(res.text, label).not.toMatch(STACK_OR_HTML);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  if (path.startsWith('/_sim')) {
    expect(String(res.headers['content-type']), label).toMatch(/^application\/problem\+json/);
    expect(body, label).toMatchObject({ status: res.status, code: expect.any(String), detail: expect.any(String) });
  } else {
    expect(String(res.headers['content-type']), label).toMatch(/^application\/json/);
    expect(envelopeProblems(body, res.headers), label).toEqual([]);
    expect(body, label).toMatchObject({ success: false, data: null, error: { code: expect.any(String), message: expect.any(String) } });
  }
  return body;
}

/** Arrays nested `depth` levels deep, as JSON text (built without recursion). */
export function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Objects nested `depth` levels deep: `{"a":{"a":…1…}}`. */
export function deepObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}
