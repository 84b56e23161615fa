import { request } from 'node:http';
import { PactV4, SpecificationVersion, type TemplateHeaders } from '@pact-foundation/pact';
import { CONSUMER, DEFAULT_PACT_DIR, PLACEHOLDER_API_KEY, PROVIDER } from '../../../../src/verify/constants.js';

process.env.PACT_DO_NOT_TRACK = 'true';

/**
 * The partner integration's side of the contract. Every consumer test file adds its interactions
 * to the one pact file `contracts/sent-partner-integration-sent-api-v3.json` (Pact merges them
 * and sorts them by description, so the file comes out the same whatever order the files run in).
 */
export function contractPact(): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: DEFAULT_PACT_DIR, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'warn' });
}

/** The headers a partner sends: its key (a placeholder; verification puts the real one in) and JSON. */
export function sends(extra: TemplateHeaders = {}, withBody = true): TemplateHeaders {
  return { 'x-api-key': PLACEHOLDER_API_KEY, ...(withBody ? { 'Content-Type': 'application/json' } : {}), ...extra };
}

export interface PartnerResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. Asserted on, not typed, like supertest's bodies. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * How the partner integration calls Sent: plain HTTP, the key in `x-api-key`, JSON bodies. Each
 * consumer test drives its interaction through this against Pact's mock server. Every call opens
 * its own connection (`agent: false`): Pact starts and stops a mock server per test, and no
 * kept-alive connection should outlive the one it was opened to.
 */
export function partner(baseUrl: string, apiKey: string | null = PLACEHOLDER_API_KEY) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<PartnerResponse> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${baseUrl}${path}`,
        {
          method,
          agent: false,
          headers: {
            ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const answered = new Headers();
            for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') answered.set(name, value);
            resolve({ status: res.statusCode ?? 0, headers: answered, body: text === '' ? null : JSON.parse(text) });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}
