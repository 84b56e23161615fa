/**
 * Issue 25 row 2: a template of ~700 variables, a 1 KB parameter and 1,000 recipients — a 16 KB
 * request — stored 717 MB, then answered `500` (`RangeError: Invalid string length`) with 1,000
 * messages stored; its retry with the same Idempotency-Key stored 2,000; one 71.7 MB answer was
 * cached under the 8 MiB idempotency cap. Now a rendered text is held to Sent's cap per channel
 * (`400`, nothing stored), and an answer past `--idempotency-max-response` is not cached: the
 * operation ran once, and its retry answers `409`.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client, testApp } from '../support/app.js';
import { sim } from '../support/sim.js';
import { aBody } from '../support/template-builders.js';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${String(1000 + i)}`);

/** A body with `n` variables and the words Meta asks around them ((2 × variables) + 1). */
function manyVariables(n: number) {
  const names = Array.from({ length: n }, (_, i) => `v${i}`);
  const template = `${names.map((_, i) => `a b {{${i}:variable}}`).join(' ')} a b c`;
  return { body: aBody(template, ...names), parameters: Object.fromEntries(names.map((name) => [name, 'p'.repeat(1024)])) };
}

describe('template amplification (issue 25 row 2)', () => {
  it('refuses a send whose template renders past the channel’s cap, storing nothing (issue 25 row 2)', async () => {
    const { app } = testApp();
    const c = client(app);
    const { body, parameters } = manyVariables(40);
    const template = await c.post('/v3/templates', { category: 'UTILITY', language: 'en_US', definition: { body: { multiChannel: body } } });
    expect(template.status).toBe(201);
    const res = await c.post('/v3/messages', { to: numbers(1000), channel: ['sms'], template: { id: template.body.data.id, parameters } });
    expect(res.status).toBe(400);
    const length = body.template.replace(/\{\{\d+:variable\}\}/g, 'p'.repeat(1024)).length;
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { 'template.parameters': [MESSAGES.renderedTooLong('SMS', 'body', length, 1024)] } });
    expect((await sim(app, c.key).tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
  });

  it('holds each channel to its own cap: 1,024 characters on whatsapp, 3,072 on rcs (issue 25 row 2)', async () => {
    const { app } = testApp();
    const c = client(app);
    const template = await c.post('/v3/templates', { definition: { body: { multiChannel: aBody('Hello {{0:variable}} and welcome aboard', 'name') } } });
    const send = (channel: string) => c.post('/v3/messages', { to: numbers(1), channel: [channel], template: { id: template.body.data.id, parameters: { name: 'n'.repeat(1024) } } });
    const whatsapp = await send('whatsapp');
    expect(whatsapp.status).toBe(400);
    expect(whatsapp.body.error.details['template.parameters']).toEqual([MESSAGES.renderedTooLong('WhatsApp', 'body', 1024 + 'Hello  and welcome aboard'.length, 1024)]);
    const rcs = await send('rcs');
    expect(rcs.status).toBe(202);
    expect(rcs.body.data.recipients[0].body).toHaveLength(1024 + 'Hello  and welcome aboard'.length);
    expect((await sim(app, c.key).tenant()).totals.messages).toBe(1);
  });

  it('runs an operation whose answer passes --idempotency-max-response once: its retry answers 409 and runs nothing (issue 25 row 2)', async () => {
    const { app } = testApp({ config: { idempotencyMaxResponseBytes: 4096 } });
    const c = client(app);
    const big = () => c.post('/v3/messages', { to: numbers(20), channel: ['sms'], text: 'Hello there' }).set('idempotency-key', 'big-send');
    const first = await big();
    expect(first.status).toBe(202);
    const retry = await big();
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('CONFLICT_001');
    expect(retry.body.error.message).toMatch(/^The request with this Idempotency-Key already ran \(req_\w{10}\); its answer, \d+ bytes, .*--idempotency-max-response, 4096 bytes/);
    expect(retry.body.error.message).toContain(first.body.meta.request_id);
    expect((await sim(app, c.key).tenant()).totals.messages).toBe(20);

    // An answer within the bound is cached and replayed as before.
    const small = () => c.post('/v3/messages', { to: numbers(1), channel: ['sms'], text: 'Hi' }).set('idempotency-key', 'small-send');
    expect((await small()).status).toBe(202);
    const replayed = await small();
    expect(replayed.status).toBe(202);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await sim(app, c.key).tenant()).totals.messages).toBe(21);
  });
});
