/**
 * MMS and media on a send (docs/decisions/0068): the checks of `media_urls`, `subject` and the
 * template's media-header parameters, and what a message carries as media. Pure functions; the
 * checks tolerate wrong types (the schema reports those) and add every breach to `details`.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';

type Schemas = components['schemas'];
export type MessageMedia = Schemas['MessageBodyMedia'];
export type HeaderMedia = Schemas['MessageBodyHeaderMedia'];

/** Simulator caps (Sent states none): ten attachments, as most carriers take, each a URL of at most 2,048 characters. */
export const MAX_MEDIA_URLS = 10;
export const MAX_MEDIA_URL_LENGTH = 2048;
/** Carriers show a short line; 255 bounds what a send can make the simulator store. */
export const MAX_SUBJECT_LENGTH = 255;

/** The reserved template parameters of a media header (SDK 0.40.0: `header_image`; video and document "follow the same shape"). */
export const HEADER_MEDIA_TYPES = ['image', 'video', 'document'] as const;
export type HeaderMediaType = (typeof HEADER_MEDIA_TYPES)[number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname !== '';
}

/** The media fields of a send that the schema only types: `media_urls`, `subject` and the media-header parameters. */
export function mediaProblems(body: Record<string, unknown>, details: ErrorDetails): void {
  const { media_urls: mediaUrls, subject, template } = body;
  if (Array.isArray(mediaUrls)) {
    if (mediaUrls.length > MAX_MEDIA_URLS) details.media_urls = [MESSAGES.mediaUrlsTooMany(MAX_MEDIA_URLS)];
    mediaUrls.slice(0, MAX_MEDIA_URLS + 1).forEach((url, i) => {
      if (typeof url !== 'string') return;
      if (url.length > MAX_MEDIA_URL_LENGTH) details[`media_urls[${i}]`] = [MESSAGES.mediaUrlTooLong(MAX_MEDIA_URL_LENGTH)];
      else if (!isHttpsUrl(url)) details[`media_urls[${i}]`] = [MESSAGES.templateMediaUrl];
    });
  }
  if (typeof subject === 'string' && subject.length > MAX_SUBJECT_LENGTH) details.subject = [MESSAGES.mmsSubjectTooLong(MAX_SUBJECT_LENGTH)];
  if (isRecord(template) && isRecord(template.parameters)) {
    for (const type of HEADER_MEDIA_TYPES) {
      const value = template.parameters[`header_${type}`];
      if (typeof value === 'string' && !isHttpsUrl(value)) details[`template.parameters.header_${type}`] = [MESSAGES.headerMediaUrl];
    }
  }
}

/** A send's `media_urls` as a message carries them (no media type: the carrier reads the fetched object's). */
export function mediaOfUrls(urls: readonly string[]): MessageMedia[] {
  return urls.map((url) => ({ mediaType: null, url }));
}

/** The media an MMS carries: the send's `media_urls` replace the template's `mms.media` (Sent: "replaces, not extends"). */
export function mmsMedia(sendUrls: readonly string[] | null, templateMedia: ReadonlyArray<{ url: string; mediaType?: string | null }> | null | undefined): MessageMedia[] {
  if (sendUrls && sendUrls.length > 0) return mediaOfUrls(sendUrls);
  return (templateMedia ?? []).map((m) => ({ mediaType: m.mediaType ?? null, url: m.url }));
}

/** What an auto-detect send needs to go MMS: something attached (Sent: "an MMS with no media is a more expensive text message"). */
export function mmsEligible(sendUrls: readonly string[] | null, templateMms: { media?: ReadonlyArray<unknown> | null } | null | undefined, isTemplate: boolean): boolean {
  // A template goes MMS only from its own mms body (no fallback), whose media the send's may replace.
  if (isTemplate) return templateMms != null && ((sendUrls?.length ?? 0) > 0 || (templateMms.media?.length ?? 0) > 0);
  return (sendUrls?.length ?? 0) > 0;
}
