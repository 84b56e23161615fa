/**
 * Issue 9: hostile input at the HTTP level, against the server users run (`startServer`, as
 * the CLI does): header injection, path traversal, malformed percent-encoding, over-long ids
 * and headers. Each gets a clear error in the Sent envelope (from the app, or from the server
 * for bytes Node's HTTP parser refuses), the process stays up and the state is unchanged.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { tenantKey } from '../support/app.js';
import { aBrand, aProfile } from '../support/builders.js';
import { aCampaignRequest } from '../support/campaign-builders.js';
import { expectCleanError, rawRequest, type RawResponse } from './hostile-support.js';
import { exportedState } from './support.js';

const key = tenantKey();
let running: RunningServer;
let port: number;
let profileId: string;
let campaignId: string;
const tally = { cases: 0 };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(running.url + path, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

beforeAll(async () => {
  running = await startServer({ port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), demo: false });
  port = Number(new URL(running.url).port);
  await call('PATCH', '/_sim/tenant', { brand: aBrand(), campaigns: 1 });
  profileId = JSON.parse((await call('POST', '/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).text).data.id;
  campaignId = JSON.parse((await call('POST', `/v3/profiles/${profileId}/campaigns`, aCampaignRequest())).text).data.id;
});
afterAll(async () => {
  console.log(`hostile transport: ${tally.cases} cases`);
  await running.close();
});

/** One attack: a clean error with one of `status`, the state unchanged, the process still up. */
async function attack(label: string, send: () => Promise<RawResponse | Awaited<ReturnType<typeof call>>>, status: number | number[]) {
  const before = await exportedState(running.server, key);
  const res = await send();
  const path = label.split(' ')[1] ?? label;
  expectCleanError(res, path, status);
  for (const injected of ['set-cookie', 'location', 'x-injected']) expect(res.headers[injected], `${label}: ${injected}`).toBeUndefined();
  expect(await exportedState(running.server, key), `state after ${label}`).toEqual(before);
  expect((await call('GET', '/v3/profiles')).status).toBe(200);
  tally.cases++;
}

/** A raw HTTP/1.1 request: `extra` header lines are written as given, CR and LF included. */
function raw(method: string, path: string, extra: string[] = [], body = '{}'): Promise<RawResponse> {
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `x-api-key: ${key}`, 'Content-Type: application/json', ...extra];
  return rawRequest(port, Buffer.from(`${head.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`, 'latin1'));
}

describe('header injection', () => {
  const headers = ['x-profile-id', 'Idempotency-Key', 'x-sim-scenario'];

  it('treats CR LF in a header value as the end of that header, and echoes nothing injected', async () => {
    const injections = ['\r\nSet-Cookie: injected=1', '\r\nLocation: https://evil.example/', '\r\nX-Injected: 1\r\nX-Injected: 2'];
    for (const name of headers) {
      for (const injection of injections) {
        // The create body is missing `name`, so whatever the headers do, the request is refused.
        await attack(`POST /v3/profiles ${name}`, () => raw('POST', '/v3/profiles', [`${name}: value1${injection}`]), [400, 404]);
        // GET ignores Idempotency-Key (docs/decisions/0007), so only the two headers that can refuse it.
        if (name !== 'Idempotency-Key') {
          await attack(`GET /v3/profiles/${profileId} ${name}`, () => raw('GET', `/v3/profiles/${profileId}`, [`${name}: nope${injection}`], ''), [400, 404]);
        }
      }
    }
  });

  it('answers a header value with a bare CR, a bare LF, NUL or another control character with a 400 envelope', async () => {
    for (const name of headers) {
      for (const bad of ['a\rb', 'a\nb', 'a\u0000b', 'a\u0001b', 'a\u007fb']) {
        await attack(`POST /v3/profiles ${name}`, () => raw('POST', '/v3/profiles', [`${name}: ${bad}`]), 400);
      }
    }
  });

  it('answers Latin-1 and UTF-8 bytes in header values cleanly', async () => {
    for (const name of headers) {
      for (const bytes of ['\u00f1\u00ff', Buffer.from('ñ東京', 'utf8').toString('latin1')]) {
        await attack(`POST /v3/profiles ${name}`, () => raw('POST', '/v3/profiles', [`${name}: ${bytes}`]), [400, 404]);
      }
    }
  });
});

describe('path traversal and malformed paths', () => {
  it('answers traversal attempts and undecodable percent-encoding with 400 or 404, never a file or a 500', async () => {
    const paths: Array<[string, number]> = [
      ['/v3/profiles/..%2F..%2Fetc', 400],
      ['/v3/profiles/..%2F..%2F..%2Fetc%2Fpasswd', 400],
      ['/v3/profiles/%2e%2e%2f%2e%2e%2f_sim%2ftenant', 400],
      ['/v3/profiles/..%5C..%5Cwindows%5Cwin.ini', 400],
      ['/v3/profiles/%00', 400],
      ['/v3/profiles/%ZZ', 400],
      ['/v3/profiles/%E0%A4%A', 400],
      ['/v3/profiles/%C0%AE%C0%AE', 400],
      // No GET or PATCH route exists for one campaign: 404 RESOURCE_013 there, 400 on DELETE.
      [`/v3/profiles/${'_'}/campaigns/..%2F..%2Fetc`, 0],
      ['/v3/profiles/../../etc/passwd', 404],
      ['/v3/profiles/x/../../../_sim/tenant', 404],
      ['//v3/profiles', 404],
      ['/v3/profiles/%2e%2e/%2e%2e/etc/passwd', 404],
    ];
    for (const [path, status] of paths) {
      const real = path.replace('/_/', `/${profileId}/`);
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        await attack(`${method} ${real}`, () => raw(method, real, [], method === 'GET' ? '' : '{}'), status || (method === 'DELETE' ? 400 : 404));
      }
    }
    await attack(`POST /v3/profiles/%ZZ/complete`, () => raw('POST', '/v3/profiles/%ZZ/complete'), 400);
    await attack(`PUT /v3/profiles/${profileId}/campaigns/%ZZ`, () => raw('PUT', `/v3/profiles/${profileId}/campaigns/%ZZ`), 400);
  });
});

describe('over-long ids and headers', () => {
  const long = 'a'.repeat(10_000);
  it('refuses 10,000-character ids in the path (414: past 2,048 characters) and in headers with clear errors', async () => {
    await attack(`GET /v3/profiles/${long}`, () => call('GET', `/v3/profiles/${long}`), 414);
    await attack(`PATCH /v3/profiles/${long}`, () => call('PATCH', `/v3/profiles/${long}`, {}), 414);
    await attack(`PUT /v3/profiles/${profileId}/campaigns/${long}`, () => call('PUT', `/v3/profiles/${profileId}/campaigns/${long}`, aCampaignRequest()), 414);
    await attack(`DELETE /v3/profiles/${profileId}/campaigns/${long}`, () => call('DELETE', `/v3/profiles/${profileId}/campaigns/${long}`), 414);
    const short = 'a'.repeat(1000);
    await attack(`GET /v3/profiles/${short}`, () => call('GET', `/v3/profiles/${short}`), 400);
    await attack('GET /v3/profiles x-profile-id', () => call('GET', '/v3/profiles', undefined, { 'x-profile-id': long }), 404);
    await attack('POST /v3/profiles Idempotency-Key', () => call('POST', '/v3/profiles', aProfile(), { 'idempotency-key': long }), 400);
    await attack('GET /v3/profiles x-sim-scenario', () => call('GET', '/v3/profiles', undefined, { 'x-sim-scenario': long }), 400);
    await attack('GET /v3/profiles x-api-key', () => call('GET', '/v3/profiles', undefined, { 'x-api-key': `not_a_key_${long}` }), 401);
    expect(campaignId).toBeTruthy();
  });

  it('answers a request line or header past the server limit (16 KiB) with 431 in the envelope', async () => {
    await attack('GET /v3/profiles/(20,000)', () => raw('GET', `/v3/profiles/${'a'.repeat(20_000)}`, [], ''), 431);
    await attack('GET /v3/profiles (header)', () => raw('GET', '/v3/profiles', [`x-profile-id: ${'a'.repeat(20_000)}`], ''), 431);
  });
});
