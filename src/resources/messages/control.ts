import type { ControlRoute } from '../../control/handler.js';
import type { Deps } from '../../deps.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { created, noContent, ok } from '../../http/result.js';
import { E164 } from '../../util/phone.js';
import { NUMBER_OUTCOMES_LIST, type NumberOutcome } from './collection.js';
import type { InboundRequest, InboundService } from './inbound.js';
import { MAX_MEDIA_URL_LENGTH, MAX_MEDIA_URLS } from './mms.js';
import { MAX_TEXT_LENGTH } from './rules.js';

const e164 = { type: 'string', maxLength: 16 };

// One attachment of an inbound MMS, as a carrier declares it (SDK InboundMessageEventPayload.Media).
const inboundMedia = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: MAX_MEDIA_URL_LENGTH },
    mime_type: { type: ['string', 'null'], maxLength: 255 },
    size_bytes: { type: ['integer', 'null'], minimum: 0 },
    hash_sha256: { type: ['string', 'null'], pattern: '^[0-9a-fA-F]{64}$' },
  },
} as const;

const inboundSchema = {
  type: 'object',
  required: ['from'],
  properties: {
    from: e164,
    text: { type: ['string', 'null'], maxLength: MAX_TEXT_LENGTH },
    channel: { enum: ['sms', 'whatsapp', 'rcs', 'mms'] },
    media: { type: 'array', minItems: 1, maxItems: MAX_MEDIA_URLS, items: inboundMedia },
    to: e164,
    account_id: { type: 'string', maxLength: 64 },
  },
  additionalProperties: false,
} as const;

const numberSchema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    outcome: { enum: [...NUMBER_OUTCOMES_LIST] },
    description: { type: ['string', 'null'], minLength: 1, maxLength: 1024 },
  },
  additionalProperties: false,
} as const;

/** A number in a path or body that is not E.164: `400 VALIDATION_002` naming the field (docs/decisions/0011). */
function requireE164(value: string | undefined, field: string): string {
  if (value === undefined || !E164.test(value)) throw simError('VALIDATION_002', { details: { [field]: [MESSAGES.recipientNotE164] } });
  return value;
}

/**
 * Simulator-only routes (docs/decisions/0014), problem+json on error:
 * - `GET /_sim/numbers` — every per-number outcome the tenant set;
 * - `GET|PUT|DELETE /_sim/numbers/{e164}` — what a send to the number does, and setting or
 *   clearing it (`{"outcome": "failed", "description"?: "…"}`);
 * - `POST /_sim/inbound {from, text, channel?, media?, to?, account_id?}` — a message from a
 *   contact (`x-sim-scenario` names the scenario its `message.received` is delivered under);
 *   `media` makes it an inbound MMS (docs/decisions/0068).
 */
export function messageControl(deps: Deps, service: InboundService): ControlRoute[] {
  const number = (params: Record<string, string>) => requireE164(params.e164, 'e164');
  return [
    { method: 'get', path: '/numbers', handle: (c) => ok({ numbers: service.listNumberOutcomes(c.tenant) }) },
    { method: 'get', path: '/numbers/:e164', params: number, handle: (c) => ok(service.numberOutcome(c.tenant, c.params.e164!)) },
    {
      method: 'put',
      path: '/numbers/:e164',
      params: number,
      body: numberSchema,
      handle: (c) => ok(service.setNumberOutcome(c.tenant, c.params.e164!, c.body as { outcome: NumberOutcome; description?: string | null })),
    },
    {
      method: 'delete',
      path: '/numbers/:e164',
      params: number,
      handle: (c) => {
        service.clearNumberOutcome(c.tenant, c.params.e164!);
        return noContent();
      },
    },
    {
      method: 'post',
      path: '/inbound',
      body: inboundSchema,
      handle: async (c) => {
        const input = c.body as unknown as InboundRequest;
        requireE164(input.from, 'from');
        if (input.to !== undefined) requireE164(input.to, 'to');
        // The scenario in force (header, else the tenant's) governs how the event is delivered.
        const scenario = deps.scenarios.inForce(c.scenario, c.tenant)?.name ?? null;
        return created(await service.receive(c.tenant, input, scenario, c.requestId));
      },
    },
  ];
}
