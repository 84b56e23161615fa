import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import type { OperationDef } from '../../http/operation.js';
import { ok } from '../../http/result.js';
import { countryOf, declaredMarket, marketsOf, numberTypeOf, numberTypeView, requirementsView } from './table.js';

/** The channels Sent names whose requirements and number types it does not declare yet: `501`, never an empty answer. */
const UNDECLARED_CHANNELS = new Set(['whatsapp', 'rcs']);

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * `GET /v3/compliance/requirements` and `GET /v3/channels/{channel}/{country}/compliance`
 * (sent-api-v3-2026-11 §2.7, docs/decisions/0074), read from the requirements table. The
 * checks run in Sent's order: the channel (whatsapp/rcs `501`), then `country` (missing: `400
 * VALIDATION_004` "country is required"), then `type`, then whether the table declares the market.
 */
export function complianceOperations(): Record<string, OperationDef> {
  return {
    retrieveComplianceRequirements: {
      access: 'read',
      handle: (c) => {
        const channel = (text(c.query.channel) ?? 'sms').toLowerCase();
        if (UNDECLARED_CHANNELS.has(channel)) throw simError('BUSINESS_007', { status: 501, message: MESSAGES.channelRequirementsNotDeclared(channel) });
        if (channel !== 'sms') throw validationError({ channel: [MESSAGES.requirementsChannel] });
        const rawCountry = text(c.query.country);
        if (rawCountry === undefined || rawCountry.trim() === '') {
          throw simError('VALIDATION_004', { message: MESSAGES.countryRequired, details: { country: [MESSAGES.countryRequired] } });
        }
        const country = countryOf(rawCountry);
        if (!country) throw validationError({ country: [MESSAGES.countryNotIso] });
        const type = numberTypeOf(c.query.type);
        if (!type) throw simError('VALIDATION_001', { message: MESSAGES.typeMustBeOneOf, details: { type: [MESSAGES.typeMustBeOneOf] } });
        const market = declaredMarket(country, type);
        if (!market) throw simError('BUSINESS_007', { status: 501, message: MESSAGES.marketNotDeclared(country, type) });
        return ok(requirementsView(market));
      },
    },
    listNumberTypes: {
      access: 'read',
      handle: (c) => {
        const channel = c.params.channel!.toLowerCase();
        if (UNDECLARED_CHANNELS.has(channel)) throw simError('BUSINESS_007', { status: 501, message: MESSAGES.numberTypesNotDeclared(channel) });
        if (channel !== 'sms' && channel !== 'mms' && channel !== 'voice') throw validationError({ channel: [MESSAGES.numberTypesChannel] });
        const country = countryOf(c.params.country);
        if (!country) throw validationError({ country: [MESSAGES.countryNotIso] });
        return ok({ channel, country, number_types: marketsOf(country, channel).map(numberTypeView) });
      },
    },
  };
}
