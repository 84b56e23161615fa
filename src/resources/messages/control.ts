import type { Router } from 'express';
import { handle, type BodyReader } from '../../control/handler.js';
import type { Deps } from '../../deps.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { authed } from '../../http/context.js';
import { created, noContent, ok } from '../../http/result.js';
import { E164 } from '../../util/phone.js';
import { NUMBER_OUTCOMES_LIST, type NumberOutcome } from './collection.js';
import type { InboundRequest, InboundService } from './inbound.js';
import { MAX_TEXT_LENGTH } from './rules.js';

const e164 = { type: 'string', maxLength: 16 };

const inboundSchema = {
  type: 'object',
  required: ['from', 'text'],
  properties: {
    from: e164,
    text: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    channel: { enum: ['sms', 'whatsapp', 'rcs'] },
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
 * - `POST /_sim/inbound {from, text, channel?, to?, account_id?}` — a message from a contact
 *   (`x-sim-scenario` names the scenario its `message.received` is delivered under).
 */
export function mountMessageControl(router: Router, deps: Deps, service: InboundService): void {
  const check = { inbound: deps.validator.compile(inboundSchema), number: deps.validator.compile(numberSchema) };
  const body: BodyReader = (req, validate) => {
    const value: unknown = req.body ?? {};
    const details = validate(value);
    if (details) throw validationError(details);
    return value as Record<string, unknown>;
  };

  router.get(
    '/numbers',
    handle((_req, res) => ok({ numbers: service.listNumberOutcomes(authed(res).tenant) })),
  );
  router.get(
    '/numbers/:e164',
    handle((req, res) => ok(service.numberOutcome(authed(res).tenant, requireE164(req.params.e164 as string, 'e164')))),
  );
  router.put(
    '/numbers/:e164',
    handle((req, res) => {
      const number = requireE164(req.params.e164 as string, 'e164');
      const input = body(req, check.number) as { outcome: NumberOutcome; description?: string | null };
      return ok(service.setNumberOutcome(authed(res).tenant, number, input));
    }),
  );
  router.delete(
    '/numbers/:e164',
    handle((req, res) => {
      service.clearNumberOutcome(authed(res).tenant, requireE164(req.params.e164 as string, 'e164'));
      return noContent();
    }),
  );
  router.post(
    '/inbound',
    handle(async (req, res) => {
      const input = body(req, check.inbound) as unknown as InboundRequest;
      requireE164(input.from, 'from');
      if (input.to !== undefined) requireE164(input.to, 'to');
      const { tenant } = authed(res);
      // The scenario in force (header, else the tenant's) governs how the event is delivered.
      const scenario = deps.scenarios.resolve(req, tenant)?.name ?? null;
      return created(await service.receive(tenant, input, scenario));
    }),
  );
}
