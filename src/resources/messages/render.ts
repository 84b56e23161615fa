/**
 * The body a message carries on one channel (docs/decisions/0012, 0068): free text, or the
 * template rendered with the send's parameters — sms the body only; whatsapp and rcs also the
 * header (or its media), footer and buttons; mms the template's `mms` body with its subject and
 * media, which the send's `subject` and `media_urls` override. Every key of `message_body` is
 * always written (nulls where it does not apply), as Sent does.
 */
import type { components } from '../../generated/sent-v3.js';
import { renderTemplate, type TemplateRecord } from '../templates/collection.js';
import type { Channel, MessageBody } from './collection.js';
import { HEADER_MEDIA_TYPES, mmsMedia, type HeaderMedia, type HeaderMediaType } from './mms.js';
import type { SendRequest } from './rules.js';

type Schemas = components['schemas'];
type Part = { template: string; variables?: Schemas['TemplateVariable'][] | null } | null | undefined;

export interface Rendered {
  /** Null when the template has no body for the channel (the message is then BLOCKED, BUSINESS_012). */
  body: MessageBody | null;
  /** A parameter the template declares was not given: the message ends FAILED. */
  missing: boolean;
}

export function renderMessage(send: Pick<SendRequest, 'template' | 'text' | 'mediaUrls' | 'subject'>, template: TemplateRecord | null, channel: Channel): Rendered {
  const mms = channel === 'mms';
  if (!template) {
    const content = send.text ?? '';
    return { body: { header: null, content, footer: null, buttons: null, headerMedia: null, media: mms ? mmsMedia(send.mediaUrls, null) : null, subject: mms ? send.subject : null }, missing: false };
  }
  const parameters = send.template?.parameters;
  if (mms) {
    // No fallback: a template without an mms body is never sent as MMS.
    const slot = template.definition.body.mms;
    if (!slot) return { body: null, missing: false };
    const content = part(slot, parameters);
    const body = { header: null, content: content.text ?? '', footer: null, buttons: null, headerMedia: null, media: mmsMedia(send.mediaUrls, slot.media), subject: send.subject ?? slot.subject ?? null };
    return { body, missing: content.missing };
  }
  const content = renderTemplate(template.definition, channel, parameters);
  if (content.text === null) return { body: null, missing: content.missing.length > 0 };
  // sms carries the body only; whatsapp and rcs also the header, footer and buttons.
  const rich = channel !== 'sms';
  const { header, headerMedia, missing: headerMissing } = rich ? renderHeader(template.definition.header, parameters) : { header: null, headerMedia: null, missing: false };
  const footer = rich ? part(template.definition.footer, parameters) : { text: null, missing: false };
  const buttons = rich && template.definition.buttons?.length
    ? template.definition.buttons.map((b) => ({ type: b.type, value: b.props.url ?? b.props.phoneNumber ?? b.props.text ?? '', text: b.props.text ?? null, postbackData: null }))
    : null;
  return {
    body: { header, content: content.text, footer: footer.text, buttons, headerMedia, media: null, subject: null },
    missing: content.missing.length > 0 || headerMissing || footer.missing,
  };
}

/** A header part: text rendered like the body, or an image/video/document whose URL is the send's `header_<type>` parameter. */
function renderHeader(header: Schemas['TemplateHeader'] | null | undefined, parameters: Record<string, string> | null | undefined): { header: string | null; headerMedia: HeaderMedia | null; missing: boolean } {
  const type = header?.type?.toLowerCase();
  if (header && HEADER_MEDIA_TYPES.includes(type as HeaderMediaType)) {
    const url = parameters?.[`header_${type}`];
    // Sent does not reuse the approved sample: without the send's URL the message cannot go out.
    return { header: null, headerMedia: url === undefined ? null : { type: type as HeaderMediaType, url }, missing: url === undefined };
  }
  const text = part(header, parameters);
  return { header: text.text, headerMedia: null, missing: text.missing };
}

function part(p: Part, parameters: Record<string, string> | null | undefined): { text: string | null; missing: boolean } {
  if (!p) return { text: null, missing: false };
  const rendered = renderTemplate({ body: { multiChannel: { template: p.template, variables: p.variables ?? null } } }, 'sms', parameters);
  return { text: rendered.text, missing: rendered.missing.length > 0 };
}
