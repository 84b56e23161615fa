/**
 * Why a message ended FAILED, FILTERED or BLOCKED, as its events say it (docs/decisions/0063):
 * a stable platform code (`reason_code`) and a sentence (`reason`), from the fate decided at send
 * time. Pure: derived from the stored fate, so a message imported from an older snapshot gets its
 * reason too. Sent documents `BUSINESS_029`, `BUSINESS_003` and `DELIVERY_007` as such codes;
 * the rest of the table is the simulator's choice, recorded in the decision.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { MessageEnd, MessageFate } from './collection.js';

export type ReasonCode = keyof typeof MESSAGES.messageReasons;

/** The fate descriptions the gating rules write (rules.ts `decideFate`), each with its code. */
const BY_DESCRIPTION = new Map<string, ReasonCode>([
  [MESSAGES.consentBlocked, 'BUSINESS_004'],
  [MESSAGES.senderNotActive, 'BUSINESS_029'],
  [MESSAGES.templateNotApproved, 'BUSINESS_005'],
  [MESSAGES.templateNotOnChannel, 'BUSINESS_012'],
  [MESSAGES.whatsappWindowClosed, 'BUSINESS_007'],
  [MESSAGES.templateParamsInvalid, 'VALIDATION_008'],
  [MESSAGES.routeDenied, 'DELIVERY_007'],
  [MESSAGES.carrierRejected, 'DELIVERY_001'],
  // An MMS whose media the carrier could not fetch "arrives as a failed message" (docs/decisions/0068): a carrier failure.
  [MESSAGES.mediaFetchFailed, 'DELIVERY_001'],
]);

/** A description a scenario or `PUT /_sim/numbers` chose: the code of the end it leads to. */
const BY_END: Partial<Record<MessageEnd, ReasonCode>> = {
  filtered: 'BUSINESS_004',
  blocked: 'BUSINESS_029',
  invalid: 'VALIDATION_008',
  route_denied: 'DELIVERY_007',
  failed: 'DELIVERY_001',
};

/** A description that names its own code: `BUSINESS_029: the sending number is not an active sender`. */
const CODED = /^([A-Z]+_\d{3}): (.+)$/s;

/**
 * The code and sentence of a message that did not go through; null for one that did (or has not
 * ended). A description of the simulator's own is replaced by the code's sentence; one a user
 * gave (a scenario's, a number outcome's) is the sentence itself, under the code it starts with
 * (`DELIVERY_003: …`), else the code of the end it leads to.
 */
export function failureReason(fate: MessageFate): { reason_code: string; reason: string } | null {
  const end = BY_END[fate.end];
  if (end === undefined) return null;
  const known = fate.description === null ? undefined : BY_DESCRIPTION.get(fate.description);
  if (known !== undefined) return { reason_code: known, reason: MESSAGES.messageReasons[known] };
  if (!fate.description) return { reason_code: end, reason: MESSAGES.messageReasons[end] };
  const coded = CODED.exec(fate.description);
  return coded ? { reason_code: coded[1]!, reason: coded[2]! } : { reason_code: end, reason: fate.description };
}

/** Sent truncates the rendered body in event payloads to this many characters (sent-api-v3-2026-11 §2.4). */
export const EVENT_BODY_MAX = 3072;

/** The payload's `body`: the rendered text, at most 3,072 characters (whole code points); null when not known yet. */
export function eventBodyText(content: string | null | undefined): string | null {
  if (content === null || content === undefined) return null;
  if (content.length <= EVENT_BODY_MAX) return content;
  return Array.from(content).slice(0, EVENT_BODY_MAX).join('');
}
