import type { ControlRoute } from '../../control/handler.js';
import type { Deps } from '../../deps.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { ok } from '../../http/result.js';
import { limitError } from '../../limits.js';
import { E164 } from '../../util/phone.js';
import { sentTimestamp } from '../../util/time.js';
import { senderNumber } from '../messages/rules.js';
import { PROFILES } from '../profiles/collection.js';
import { CONTACT_CAP, CONTACTS, ensureContact, phoneKey } from './collection.js';
import { consentEvent } from './consent.js';

const optOutSchema = {
  type: 'object',
  required: ['phone_number'],
  additionalProperties: false,
  properties: {
    phone_number: { type: 'string', maxLength: 16 },
    account_id: { type: 'string', maxLength: 64 },
    channel: { enum: ['sms', 'whatsapp', 'rcs'] },
  },
} as const;

interface OptOutRequest {
  phone_number: string;
  account_id?: string;
  channel?: 'sms' | 'whatsapp' | 'rcs';
}

/**
 * Simulator-only (docs/decisions/0064): `POST /_sim/contacts/opt-out {phone_number, account_id?,
 * channel?}` — the network reports that a contact opted out (a carrier-handled STOP), as Sent's
 * `PROVIDER_SIGNAL`. The contact of the organization (default) or of one of its profiles is
 * created if the number is new, its `opt_out` set, and `contact.opt_out` published with no
 * `message_id` and no `text`, under the scenario in force. Answers `{contact: {id, opt_out}}`
 * once the event's first deliveries are made, as `POST /_sim/inbound` does.
 */
export function contactControl(deps: Deps): ControlRoute[] {
  return [
    {
      method: 'post',
      path: '/contacts/opt-out',
      body: optOutSchema,
      handle: async (c) => {
        const input = c.body as unknown as OptOutRequest;
        if (!E164.test(input.phone_number)) throw simError('VALIDATION_002', { details: { phone_number: [MESSAGES.phoneNumberNotE164] } });
        const { tenant } = c;
        const given = input.account_id?.toLowerCase();
        const accountId = given === undefined || given === tenant.id ? tenant.id : deps.tenants.liveProfile(tenant, given);
        if (accountId === null) throw validationError({ account_id: [MESSAGES.inboundAccountUnknown] });
        const contacts = CONTACTS.in(tenant);
        const max = deps.config.maxContactsPerTenant;
        if (!contacts.findBy('phone', phoneKey(accountId, input.phone_number)) && contacts.size >= max) throw limitError(CONTACT_CAP, max);
        // The scenario in force (header, else the tenant's) governs the event's delivery; an unknown one is refused here.
        const scenario = deps.scenarios.inForce(c.scenario, tenant)?.name ?? null;

        // Nothing above changed anything.
        const now = tenant.clock.now();
        let contact = ensureContact(tenant, accountId, input.phone_number, { random: deps.random, now });
        if (!contact.opt_out) contacts.set(contact.id, (contact = { ...contact, opt_out: true, updated_at: sentTimestamp(now) }));
        const channel = input.channel ?? 'sms';
        const profile = accountId === tenant.id ? null : PROFILES.in(tenant).get(accountId);
        const event = consentEvent({
          signal: 'opt_out',
          source: 'PROVIDER_SIGNAL',
          contact,
          accountId,
          channel,
          to: senderNumber(profile, accountId, channel),
          message: null,
          templateId: null,
          at: now,
          scenario,
          requestId: c.requestId,
        });
        await deps.events.publish(tenant, event);
        return ok({ contact: { id: contact.id, opt_out: contact.opt_out } });
      },
    },
  ];
}
