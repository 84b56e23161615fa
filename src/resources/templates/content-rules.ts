/**
 * What a template's content must be, as Sent has it in 2026-11 (docs/decisions/0048): the body
 * strategies, the length caps, Meta's variable-context rules, variable ids, button labels and the
 * MMS slot. Pure functions over the raw request body: they run beside schema validation, so they
 * tolerate wrong types (the schema reports those) and add every breach to `details`, keyed by the
 * JSON path of the offending part, so one answer lists them all.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import { isRecord } from '../../http/operation.js';

/** Every body slot a definition may hold; `mms` is an override that is not a channel of `channels`. */
export const BODY_SLOTS = ['multiChannel', 'sms', 'whatsapp', 'rcs', 'mms'] as const;
export type BodySlot = (typeof BODY_SLOTS)[number];

/** Meta's BODY limit, which a multiChannel body may be delivered under (Sent's TemplateContentLimits). */
export const MAX_BODY_CHARS = 1024;
/** An rcs body never reaches Meta: Sent allows three times as much. */
export const MAX_RCS_BODY_CHARS = 3072;
export const MAX_BUTTON_TEXT_CHARS = 25;

export const PLACEHOLDER = /\{\{(\d+):variable\}\}/g;
const ANY_PLACEHOLDER = /\{\{[^{}]*\}\}/;
const LETTER = /\p{L}/u;
const WORD = /[\p{L}\p{N}]/u;
const ADJACENT = /\{\{\d+:variable\}\}\s*\{\{\d+:variable\}\}/;
const EDGE_NEWLINE = /^[\r\n]|[\r\n]$/;
const THREE_LINE_BREAKS = /(?:\r?\n){3}/;
const FIVE_SPACES = / {5}/;
// Meta refuses WhatsApp formatting marks (*bold*, _italic_, ~strike~) in a button label.
const BUTTON_MARKUP = /[\r\n*_~]|\p{Extended_Pictographic}/u;
// Query parameters of the presigned URLs of S3, Google Cloud Storage and Azure (SAS).
const PRESIGNED = /[?&](x-amz-signature|x-amz-credential|x-goog-signature|x-goog-credential|sig)=/i;

/** Problems of a definition's content, added to `details` (the definition itself is an object). */
export function contentProblems(definition: Record<string, unknown>, details: ErrorDetails): void {
  const body = definition.body;
  if (isRecord(body)) {
    strategyProblems(body, details);
    for (const slot of BODY_SLOTS) {
      const content = body[slot];
      if (!isRecord(content)) continue;
      const path = `definition.body.${slot}`;
      if (typeof content.template === 'string') bodyTextProblems(content.template, slot === 'rcs' ? MAX_RCS_BODY_CHARS : MAX_BODY_CHARS, `${path}.template`, details);
      variableIdProblems(content.variables, path, details);
      if (slot === 'mms') mediaProblems(content.media, path, details);
    }
  }
  for (const part of ['header', 'footer'] as const) if (isRecord(definition[part])) variableIdProblems(definition[part].variables, `definition.${part}`, details);
  if (Array.isArray(definition.buttons)) buttonProblems(definition.buttons, details);
}

/**
 * Sent's `HaveValidChannelConfiguration`: `multiChannel` alone, or an `sms` and `whatsapp` pair;
 * `rcs` and `mms` are overrides that cannot stand alone. A definition with no body at all is
 * reported once, on `definition.body`.
 */
function strategyProblems(body: Record<string, unknown>, details: ErrorDetails): void {
  const has = (slot: BodySlot) => isRecord(body[slot]);
  const [multi, sms, whatsapp] = [has('multiChannel'), has('sms'), has('whatsapp')];
  if (!BODY_SLOTS.some(has)) {
    add(details, 'definition.body', MESSAGES.templateBodyRequired);
    return;
  }
  if (multi) {
    if (sms) add(details, 'definition.body.sms', MESSAGES.templateBodyMixed);
    if (whatsapp) add(details, 'definition.body.whatsapp', MESSAGES.templateBodyMixed);
  } else if (sms && !whatsapp) add(details, 'definition.body.sms', MESSAGES.templateBodyNeedsPair('sms', 'whatsapp'));
  else if (whatsapp && !sms) add(details, 'definition.body.whatsapp', MESSAGES.templateBodyNeedsPair('whatsapp', 'sms'));
  else if (!sms && !whatsapp) {
    for (const slot of ['rcs', 'mms'] as const) if (has(slot)) add(details, `definition.body.${slot}`, MESSAGES.templateBodyOverrideAlone(slot));
  }
}

/**
 * The length cap (UTF-16 code units, as Sent's .NET counts) and Meta's variable-context rules
 * for one body text. "Words" are whitespace-separated runs holding a letter or digit, once the
 * placeholders are taken out; "variables" counts placeholders.
 */
export function bodyTextProblems(text: string, max: number, path: string, details: ErrorDetails): void {
  if (text.length > max) add(details, path, MESSAGES.templateBodyTooLong(max));
  const placeholders = [...text.matchAll(PLACEHOLDER)];
  if (placeholders.length > 0) {
    const first = placeholders[0]!;
    const last = placeholders[placeholders.length - 1]!;
    if (!LETTER.test(text.slice(0, first.index))) add(details, path, MESSAGES.templateLetterBeforeFirstVariable);
    if (!LETTER.test(text.slice(last.index + last[0].length))) add(details, path, MESSAGES.templateLetterAfterLastVariable);
    if (ADJACENT.test(text)) add(details, path, MESSAGES.templateAdjacentVariables);
  }
  const needed = 2 * placeholders.length + 1;
  const words = text.replace(PLACEHOLDER, ' ').split(/\s+/).filter((w) => WORD.test(w)).length;
  if (words < needed) add(details, path, MESSAGES.templateTooFewWords(needed, placeholders.length));
  if (EDGE_NEWLINE.test(text)) add(details, path, MESSAGES.templateEdgeNewline);
  if (THREE_LINE_BREAKS.test(text)) add(details, path, MESSAGES.templateTooManyLineBreaks);
  if (FIVE_SPACES.test(text)) add(details, path, MESSAGES.templateTooManySpaces);
}

/** Ids within one part are unique; an omitted id is 0 (Sent's non-nullable int), so two omitted ones clash. */
function variableIdProblems(variables: unknown, path: string, details: ErrorDetails): void {
  if (!Array.isArray(variables)) return;
  if (hasDuplicates(variables.map((v) => (isRecord(v) ? (v.id ?? 0) : undefined)))) add(details, `${path}.variables`, MESSAGES.templateVariableIdsUnique);
}

/**
 * Button ids are unique (omitted = 0); every label has at most 25 characters and no placeholder,
 * newline, emoji or formatting mark — except an AUTHENTICATION OTP button's, which Meta replaces
 * with a localised label (docs/decisions/0048: type `OTP` or an `otpType`).
 */
function buttonProblems(buttons: unknown[], details: ErrorDetails): void {
  if (hasDuplicates(buttons.map((b) => (isRecord(b) ? (b.id ?? 0) : undefined)))) add(details, 'definition.buttons', MESSAGES.templateButtonIdsUnique);
  buttons.forEach((button, i) => {
    if (!isRecord(button) || !isRecord(button.props)) return;
    const path = `definition.buttons[${i}].props`;
    variableIdProblems(button.props.variables, path, details);
    const text = button.props.text;
    if (typeof text !== 'string') return; // required: the schema says so
    if (text.length > MAX_BUTTON_TEXT_CHARS) add(details, `${path}.text`, MESSAGES.templateButtonTextTooLong(MAX_BUTTON_TEXT_CHARS));
    if (!isOtpButton(button) && (ANY_PLACEHOLDER.test(text) || BUTTON_MARKUP.test(text))) add(details, `${path}.text`, MESSAGES.templateButtonTextContent);
  });
}

function isOtpButton(button: Record<string, unknown>): boolean {
  const otpType = isRecord(button.props) ? button.props.otpType : undefined;
  return (typeof button.type === 'string' && button.type.toUpperCase() === 'OTP') || (typeof otpType === 'string' && otpType !== '');
}

/** Each attachment a publicly fetchable https URL: the carrier fetches it at send time, so no presigned URL. */
function mediaProblems(media: unknown, path: string, details: ErrorDetails): void {
  if (!Array.isArray(media)) return;
  media.forEach((item, i) => {
    const url = isRecord(item) ? item.url : undefined;
    if (typeof url !== 'string') return;
    const at = `${path}.media[${i}].url`;
    if (!URL.canParse(url) || new URL(url).protocol !== 'https:' || new URL(url).hostname === '') add(details, at, MESSAGES.templateMediaUrl);
    else if (PRESIGNED.test(url)) add(details, at, MESSAGES.templateMediaPresigned);
  });
}

function hasDuplicates(ids: unknown[]): boolean {
  const seen = new Set<unknown>();
  for (const id of ids) {
    if (typeof id !== 'number') continue;
    if (seen.has(id)) return true;
    seen.add(id);
  }
  return false;
}

function add(details: ErrorDetails, path: string, message: string): void {
  const list = (details[path] ??= []);
  if (!list.includes(message)) list.push(message);
}
