/**
 * Issue 26: what the official SDK retries (408, 409, 429, 5xx and connection errors, twice by
 * default, waiting what Retry-After says) meets scenarios. A rate-limit scenario with
 * `retry_after: 0` answers `Retry-After: 0`, so the SDK's retries come at once instead of 60 s
 * apart; `maxRetries: 0` makes the SDK surface the scenario's error on the first answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SentDm, { RateLimitError } from '@sentdm/sentdm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Listening, type Simulator } from '../../../src/index.js';
import { tenantKey } from '../../support/app.js';

// A partner's own scenario files (--scenarios-dir, or createSimulator's scenariosDir).
const SCENARIOS = {
  'message-rate-limited-now.yaml': `name: message-rate-limited-now
description: Every send is rate-limited, with Retry-After 0 so a client's retries come at once.
example: "curl -H 'x-sim-scenario: message-rate-limited-now' …"
rules:
  - operation: sendMessage
    respond: { error: BUSINESS_002, retry_after: 0 }
`,
  'message-rate-limited-once.yaml': `name: message-rate-limited-once
description: The first send is rate-limited (Retry-After 0); the next ones go through.
example: "curl -H 'x-sim-scenario: message-rate-limited-once' …"
rules:
  - operation: sendMessage
    on_call: 1
    respond: { error: BUSINESS_002, retry_after: 0 }
`,
  // Beside the built-in message-rate-limited (Retry-After 30), whose name it may not take (docs/decisions/0084).
  'message-rate-limited-60.yaml': `name: message-rate-limited-60
description: Every send is rate-limited with Sent's default Retry-After.
rules:
  - operation: sendMessage
    respond: { error: BUSINESS_002, retry_after: 60 }
`,
};

const TEXT = { to: ['+14155550123'], channel: ['sms'], text: 'Your order has shipped.' };
let dir: string;
let sim: Simulator;
let served: Listening;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sent-sim-scenarios-'));
  for (const [file, text] of Object.entries(SCENARIOS)) writeFileSync(join(dir, file), text);
  sim = createSimulator({ scenariosDir: dir });
  served = await sim.listen();
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends of the key's tenant the journal holds, by status: `{ 429: 3 }`. */
async function sends(key: string): Promise<Record<number, number>> {
  const res = await fetch(`${served.url}/_sim/requests?operation=sendMessage`, { headers: { 'x-api-key': key } });
  const { requests } = (await res.json()) as { requests: Array<{ status: number }> };
  const byStatus: Record<number, number> = {};
  for (const r of requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return byStatus;
}

describe('the SDK’s retries meet scenarios', () => {
  it('retries a Retry-After: 0 rate limit at once, twice by default, then throws RateLimitError', async () => {
    const key = tenantKey();
    const sent = new SentDm({ apiKey: key, baseURL: served.url });
    // A per-request header in the SDK picks the scenario for this call only.
    const error = await sent.messages.send(TEXT, { headers: { 'x-sim-scenario': 'message-rate-limited-now' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('0');
    expect((error as RateLimitError).error).toMatchObject({ error: { code: 'BUSINESS_002' } });
    expect(await sends(key)).toEqual({ 429: 3 });
  });

  it('recovers through its own retry when only the first call is rate-limited', async () => {
    const key = tenantKey();
    const sent = new SentDm({ apiKey: key, baseURL: served.url });
    const { data } = await sent.messages.send(TEXT, { headers: { 'x-sim-scenario': 'message-rate-limited-once' } });
    expect(data!.recipients).toHaveLength(1);
    expect(await sends(key)).toEqual({ 429: 1, 202: 1 });
    const status = await sent.messages.retrieveStatus(data!.recipients![0]!.message_id!);
    expect(status.data!.status).toBe('QUEUED');
  });

  it('surfaces Sent’s Retry-After: 60 on the first answer with maxRetries: 0, as the README’s tests do', async () => {
    const key = tenantKey();
    const sent = new SentDm({ apiKey: key, baseURL: served.url, maxRetries: 0 });
    const error = await sent.messages.send(TEXT, { headers: { 'x-sim-scenario': 'message-rate-limited-60' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('60');
    expect(await sends(key)).toEqual({ 429: 1 });
  });
});
