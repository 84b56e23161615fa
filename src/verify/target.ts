import { randomBytes } from 'node:crypto';
import type { components } from '../generated/sent-v3.js';

type Schemas = components['schemas'];

export interface TargetOptions {
  /** Base URL of the implementation under test, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** An organization key with the owner or admin role. */
  apiKey: string;
  /** Sent as `x-sim-admin-token` on control-plane calls, for a simulator started with `--admin-token`. */
  adminToken?: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** How the target answered `GET /_sim/tenant`: a simulator's control plane, or not. */
export interface ControlPlaneProbe {
  available: boolean;
  detail: string;
  /** False when the target could not be reached at all. */
  reachable: boolean;
}

/**
 * The implementation under test, as the provider states see it. Public `/v3` calls work against
 * any implementation; `control*` calls need the simulator's `/_sim` control plane.
 * `apiKey` is the organization the states act on; a state may switch it to a fresh tenant for one
 * interaction (simulator only), and `reset()` switches back.
 */
export class Target {
  readonly baseUrl: string;
  readonly mainKey: string;
  apiKey: string;
  private readonly adminToken: string | undefined;

  constructor(options: TargetOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.mainKey = options.apiKey;
    this.apiKey = options.apiKey;
    this.adminToken = options.adminToken;
  }

  /** Back to the organization verification was started with. */
  reset(): void {
    this.apiKey = this.mainKey;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': this.apiKey, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: res.status, body: parsed };
  }

  /** A call that must answer `expected`; anything else means the state could not be set up. */
  async expect(expected: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
    const answer = await this.call(method, path, body, headers);
    if (answer.status !== expected) {
      throw new Error(`${method} ${path} answered ${answer.status}, expected ${expected}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return answer;
  }

  /** `data` of a call that must answer `expected`. */
  async data<T = Record<string, unknown>>(expected: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const { body: answer } = await this.expect(expected, method, path, body, headers);
    const data = (answer as { data?: unknown } | null)?.data;
    if (typeof data !== 'object' || data === null) throw new Error(`${method} ${path} answered without data`);
    return data as T;
  }

  async createProfile(body: Schemas['CreateProfileRequest'], headers?: Record<string, string>): Promise<string> {
    const { body: created } = await this.expect(201, 'POST', '/v3/profiles', body, headers);
    return dataId(created, 'POST /v3/profiles');
  }

  async createCampaign(profileId: string, campaign: Schemas['CampaignData']): Promise<string> {
    const { body } = await this.expect(201, 'POST', `/v3/profiles/${profileId}/campaigns`, { campaign });
    return dataId(body, 'POST /v3/profiles/{id}/campaigns');
  }

  async deleteProfile(profileId: string): Promise<void> {
    await this.expect(204, 'DELETE', `/v3/profiles/${profileId}`);
  }

  async profileStatus(profileId: string): Promise<string | undefined> {
    const { body } = await this.expect(200, 'GET', `/v3/profiles/${profileId}`);
    return (body as { data?: { status?: string } } | null)?.data?.status;
  }

  /** `GET /_sim/tenant` with the key: a simulator answers 200 with its view of the tenant. */
  async probeControlPlane(): Promise<ControlPlaneProbe> {
    try {
      const { status, body } = await this.control('GET', '/_sim/tenant');
      const ok = status === 200 && typeof body === 'object' && body !== null && 'organization_id' in body;
      const hint = status === 403 ? ' (a simulator started with --admin-token needs that token)' : '';
      return { available: ok, reachable: true, detail: `GET /_sim/tenant answered ${status}${hint}` };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return { available: false, reachable: false, detail: `GET /_sim/tenant failed: ${err instanceof Error ? err.message : String(err)}${cause}` };
    }
  }

  control(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.call(method, path, body, this.adminToken ? { 'x-sim-admin-token': this.adminToken } : {});
  }

  async controlExpect(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.control(method, path, body);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return answer.body;
  }

  /**
   * The record `id` of `collection` as the control plane stores it, or null when it is gone.
   * The tenant view is paged in insertion order, so the newest records (the ones states just
   * made) are looked for from the last page back.
   */
  async storedRecord(collection: string, id: string): Promise<Record<string, unknown> | null> {
    const PAGE = 1000;
    const first = (await this.controlExpect('GET', `/_sim/tenant?page=1&page_size=${PAGE}`)) as { totals?: Record<string, number> };
    const total = first.totals?.[collection];
    if (typeof total !== 'number') throw new Error(`GET /_sim/tenant shows no ${collection} collection`);
    for (let page = Math.max(1, Math.ceil(total / PAGE)); page >= 1; page--) {
      const view = (page === 1 ? first : await this.controlExpect('GET', `/_sim/tenant?page=${page}&page_size=${PAGE}`)) as Record<string, unknown>;
      const found = (view[collection] as Array<Record<string, unknown>> | undefined)?.find((r) => r.id === id);
      if (found) return found;
    }
    return null;
  }

  /** Moves the tenant's clock and runs what fell due (completion jobs, callbacks). */
  async advanceClock(seconds: number): Promise<void> {
    await this.controlExpect('POST', '/_sim/clock/advance', { seconds });
  }

  /** Switches the states to a brand-new simulator tenant: unknown `sk_test_` keys create one. */
  useFreshTenant(): string {
    this.apiKey = `sk_test_verify_${randomBytes(12).toString('hex')}`;
    return this.apiKey;
  }
}

function dataId(body: unknown, what: string): string {
  const id = (body as { data?: { id?: unknown } } | null)?.data?.id;
  if (typeof id !== 'string') throw new Error(`${what} answered without data.id`);
  return id;
}
