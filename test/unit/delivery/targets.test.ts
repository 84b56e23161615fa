import { createServer, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, HttpPoster } from '../../../src/delivery/http-post.js';
import { TargetPolicy, TargetRefusedError, type RefusalReason } from '../../../src/delivery/targets.js';

describe('TargetPolicy.refuseUrl (issue 25 row 8)', () => {
  it.each<[string, string, RefusalReason | null]>([
    // local (the default): loopback and private receivers are the main use.
    ['local', 'http://127.0.0.1:4000/hook', null],
    ['local', 'http://localhost:4000/hook', null],
    ['local', 'http://[::1]:4000/hook', null],
    ['local', 'http://10.1.2.3/hook', null],
    ['local', 'http://192.168.1.10/hook', null],
    ['local', 'https://hooks.example.com/sent', null],
    ['local', 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['local', 'http://[::ffff:169.254.169.254]/', 'linkLocal'],
    ['local', 'http://[::169.254.169.254]/', 'linkLocal'],
    ['local', 'http://[fe80::1]/', 'linkLocal'],
    ['local', 'http://2852039166/', 'linkLocal'], // 169.254.169.254 as one decimal number
    ['local', 'http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
    ['local', 'http://METADATA.google.internal./', 'metadata'],
    ['local', 'http://metadata/', 'metadata'],
    ['local', 'http://instance-data/latest', 'metadata'],
    ['local', 'http://[fd00:ec2::254]/', 'metadata'],
    ['local', 'http://100.100.100.200/', 'metadata'],
    ['local', 'http://0.0.0.0:9/', 'unspecified'],
    ['local', 'http://0/', 'unspecified'],
    ['local', 'http://[::]:9/', 'unspecified'],
    // public: routable addresses only.
    ['public', 'https://hooks.example.com/sent', null],
    ['public', 'http://8.8.8.8/', null],
    ['public', 'http://127.0.0.1:4000/', 'notPublic'],
    ['public', 'http://localhost:4000/', 'notPublic'],
    ['public', 'http://api.localhost/', 'notPublic'],
    ['public', 'http://10.0.0.1/', 'notPublic'],
    ['public', 'http://[fd12::1]/', 'notPublic'],
    ['public', 'http://169.254.169.254/', 'linkLocal'],
    // any: nothing refused.
    ['any', 'http://169.254.169.254/', null],
    ['any', 'http://metadata.google.internal/', null],
    // A list: only what it names (names are judged again by address at send time).
    ['10.0.0.0/8,receiver.ci.internal', 'http://10.9.9.9/', null],
    ['10.0.0.0/8,receiver.ci.internal', 'http://127.0.0.1/', 'notListed'],
    ['10.0.0.0/8,receiver.ci.internal', 'http://receiver.ci.internal/', null],
    ['10.0.0.0/8', 'http://169.254.169.254/', 'linkLocal'],
    // Listed explicitly: allowed even where a keyword refuses.
    ['public,127.0.0.1', 'http://127.0.0.1:4000/', null],
    ['public,127.0.0.1', 'http://127.0.0.2:4000/', 'notPublic'],
    ['local,169.254.169.254/32', 'http://169.254.169.254/', null],
    ['public,*.ci.internal', 'http://hooks.ci.internal/', null],
  ])('%s: %s → %s', (spec, url, reason) => {
    expect(new TargetPolicy(spec).refuseUrl(url)).toBe(reason);
  });

  it.each([
    ['', /must name/],
    ['local,public', /one of local, public, any/],
    ['10.0.0.0/33', /not a valid CIDR/],
    ['10.0.0.0/', /not a valid CIDR/],
    ['http://x', /neither/],
    ['a b', /neither/],
  ])('refuses the flag value %j', (spec, message) => {
    expect(() => new TargetPolicy(spec)).toThrow(message);
  });
});

describe('TargetPolicy.lookup: after DNS, at send time (issue 25 row 8)', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** A resolver that knows a few names, as `dns.lookup` answers with `all: true`. */
  const zone: Record<string, LookupAddress[]> = {
    'receiver.test': [{ address: '127.0.0.1', family: 4 }],
    'metadata-alias.test': [{ address: '169.254.169.254', family: 4 }],
    'mixed.test': [
      { address: '169.254.169.254', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  };
  const fakeResolve = ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    const found = zone[hostname];
    if (found) callback(null, found);
    else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
  }) as unknown as ConstructorParameters<typeof TargetPolicy>[1];

  const post = (spec: string, host: string) => new HttpPoster(new TargetPolicy(spec, fakeResolve).lookup).post(`http://${host}:${port}/hook`, {}, '{}', 5000);

  it('connects to a name that resolves to an allowed address', async () => {
    await expect(post('local', 'receiver.test')).resolves.toBe(200);
  });

  it('refuses, without a connection, a name that resolves to a link-local address', async () => {
    const failure = await post('local', 'metadata-alias.test').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(TargetRefusedError);
    expect(describeFailure(failure)).toBe('target refused: a link-local address (169.254.0.0/16, fe80::/10)');
  });

  it('connects only to the allowed addresses of a name that resolves to several', async () => {
    await expect(post('local', 'mixed.test')).resolves.toBe(200);
  });

  it('refuses a name resolving to loopback under public, unless the name is listed', async () => {
    await expect(post('public', 'receiver.test')).rejects.toBeInstanceOf(TargetRefusedError);
    await expect(post('public,receiver.test', 'receiver.test')).resolves.toBe(200);
    // A listed name is still never let through to a link-local address.
    await expect(post('public,metadata-alias.test', 'metadata-alias.test')).rejects.toBeInstanceOf(TargetRefusedError);
  });

  it('passes a resolution failure through', async () => {
    const failure = await post('local', 'unknown.test').catch((err: unknown) => err);
    expect(describeFailure(failure)).toBe('ENOTFOUND');
  });
});
