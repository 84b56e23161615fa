import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { MAX_MEDIA_URLS } from '../../../src/resources/messages/mms.js';
import { GREETING, importTemplate } from './helpers.js';
import { heldApp, messageWebhook } from './scheduling-helpers.js';

const IMAGE = 'https://cdn.example.com/receipt.jpg';
const MMS_TEMPLATE = {
  body: {
    ...GREETING.body,
    mms: { template: 'Hi {{0:variable}}, your receipt is attached.', variables: [{ id: 0, name: 'name' }], subject: 'Your receipt', media: [{ url: 'https://cdn.example.com/default.png', mediaType: 'image/png' }] },
  },
};

describe('MMS', () => {
  it('sends free text on mms with media_urls and subject; message_body carries them, priced as MMS', async () => {
    const { c, control, message, activities } = heldApp();
    const hook = await messageWebhook(c);
    try {
      const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], text: 'Your receipt is attached.', media_urls: [IMAGE], subject: 'Receipt' });
      expect(res.status).toBe(202);
      expect(res.body.data.recipients).toEqual([{ message_id: expect.any(String), to: '+14155550100', channel: 'mms', body: 'Your receipt is attached.' }]);
      const id = res.body.data.recipients[0].message_id as string;
      await control.advance(10);
      const m = await message(id);
      expect(m).toMatchObject({ status: 'DELIVERED', channel: 'mms', price: 0.02 });
      expect(m.message_body).toEqual({ header: null, content: 'Your receipt is attached.', footer: null, buttons: null, headerMedia: null, media: [{ mediaType: null, url: IMAGE }], subject: 'Receipt' });
      expect((await activities(id)).find((a) => a.status === 'ROUTED')!.description).toBe(MESSAGES.messageRouted('MMS'));
      expect(hook.events().filter((e) => e.payload.message_id === id).every((e) => e.payload.channel === 'mms')).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it('ignores media_urls and subject on other channels: their media and subject are null', async () => {
    const { c, message } = heldApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi', media_urls: [IMAGE], subject: 'Ignored' });
    const m = await message(res.body.data.recipients[0].message_id);
    expect(m.message_body).toMatchObject({ media: null, subject: null, headerMedia: null });
  });

  it('sends a template from its mms body; the send’s media_urls replace the template’s media, its subject overrides', async () => {
    const { app, c, message } = heldApp();
    const templateId = await importTemplate(app, c.key, { definition: MMS_TEMPLATE });
    const withDefaults = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], template: { id: templateId, parameters: { name: 'Ann' } } })).body.data.recipients[0];
    expect(withDefaults.body).toBe('Hi Ann, your receipt is attached.');
    expect((await message(withDefaults.message_id)).message_body).toMatchObject({ media: [{ mediaType: 'image/png', url: 'https://cdn.example.com/default.png' }], subject: 'Your receipt' });
    const replaced = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], template: { id: templateId, parameters: { name: 'Ann' } }, media_urls: [IMAGE], subject: 'Mine' })).body.data.recipients[0];
    expect((await message(replaced.message_id)).message_body).toMatchObject({ media: [{ mediaType: null, url: IMAGE }], subject: 'Mine' });
  });

  it('blocks a template without an mms body on mms (BUSINESS_012): no fallback', async () => {
    const { app, c, control, message } = heldApp();
    const templateId = await importTemplate(app, c.key);
    const id = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], template: { id: templateId, parameters: { name: 'Ann' } }, media_urls: [IMAGE] })).body.data.recipients[0].message_id as string;
    await control.advance(2);
    const m = await message(id);
    expect(m.status).toBe('BLOCKED');
    expect(m.events.at(-1)).toMatchObject({ description: MESSAGES.templateNotOnChannel });
  });

  it('picks mms on auto-detect only when the message carries media', async () => {
    const { c, control, message } = heldApp();
    const withMedia = (await c.post('/v3/messages', { to: ['+14155550100'], text: 'Look', media_urls: [IMAGE] })).body.data.recipients[0];
    const without = (await c.post('/v3/messages', { to: ['+14155550101'], text: 'Look' })).body.data.recipients[0];
    expect([withMedia.channel, without.channel]).toEqual([null, null]);
    await control.advance(10);
    expect((await message(withMedia.message_id)).channel).toBe('mms');
    expect((await message(without.message_id)).channel).toBe('sms');
  });

  it('picks mms for a template on auto-detect only from its mms body with media, and whatsapp first where it applies', async () => {
    const { app, c, control, message } = heldApp();
    const mms = await importTemplate(app, c.key, { definition: MMS_TEMPLATE });
    const plain = await importTemplate(app, c.key);
    // A toll-free number has no whatsapp (available_channels "sms"); +14155550100 may have it.
    const tollFree = '+18885550100';
    const send = async (to: string, templateId: string, extra: object = {}) =>
      (await c.post('/v3/messages', { to: [to], template: { id: templateId, parameters: { name: 'A' } }, ...extra })).body.data.recipients[0].message_id as string;
    const ids = [await send(tollFree, mms), await send(tollFree, plain, { media_urls: [IMAGE] }), await send('+14155550100', mms)];
    await control.advance(10);
    expect(await Promise.all(ids.map(async (id) => (await message(id)).channel))).toEqual(['mms', 'sms', 'whatsapp']);
  });

  it.each([
    ['an http URL', { media_urls: ['http://cdn.example.com/a.jpg'] }, 'media_urls[0]', MESSAGES.templateMediaUrl],
    ['a relative URL', { media_urls: [IMAGE, '/a.jpg'] }, 'media_urls[1]', MESSAGES.templateMediaUrl],
    ['too many', { media_urls: Array.from({ length: MAX_MEDIA_URLS + 1 }, (_, i) => `${IMAGE}?${i}`) }, 'media_urls', MESSAGES.mediaUrlsTooMany(MAX_MEDIA_URLS)],
    ['a URL too long', { media_urls: [`${IMAGE}?${'x'.repeat(2048)}`] }, 'media_urls[0]', MESSAGES.mediaUrlTooLong(2048)],
    ['a subject too long', { subject: 's'.repeat(256) }, 'subject', MESSAGES.mmsSubjectTooLong(255)],
    ['a header image that is not https', { template: { name: 'x', parameters: { header_image: 'ftp://x/y.png' } } }, 'template.parameters.header_image', MESSAGES.headerMediaUrl],
  ])('refuses %s: 400 VALIDATION_001 naming the field, nothing stored, no event', async (_name, extra, field, text) => {
    const { c, control, events } = heldApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], text: 'Hi', ...extra });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_001');
    expect(res.body.error.details[field]).toEqual([text]);
    await control.advance(10);
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0 });
    expect(events).toEqual([]);
  });

  it('records a whatsapp template’s image header as headerMedia, from the send’s header_image', async () => {
    const { app, c, inbound, message, control } = heldApp();
    const templateId = await importTemplate(app, c.key, { definition: { ...GREETING, header: { template: 'banner', type: 'image' } } });
    await inbound({ from: '+14155550100', text: 'hi', channel: 'whatsapp' });
    const withUrl = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['whatsapp'], template: { id: templateId, parameters: { name: 'A', header_image: 'https://cdn.example.com/banner.jpg' } } })).body.data.recipients[0].message_id;
    const without = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['whatsapp'], template: { id: templateId, parameters: { name: 'A' } } })).body.data.recipients[0].message_id;
    expect((await message(withUrl)).message_body).toMatchObject({ header: null, headerMedia: { type: 'image', url: 'https://cdn.example.com/banner.jpg' }, media: null });
    await control.advance(10);
    // Sent does not reuse the approved sample: no URL, no message.
    expect(await message(without)).toMatchObject({ status: 'FAILED' });
  });

  it('receives an inbound MMS with media: message.received has channel mms and media[]', async () => {
    const { c, inbound, message } = heldApp();
    const hook = await messageWebhook(c);
    try {
      const media = [{ url: 'https://carrier.example.net/m/abc.jpg', mime_type: 'image/jpeg', size_bytes: 48213, hash_sha256: 'a'.repeat(64) }];
      const got = await inbound({ from: '+14155550100', media });
      const m = await message(got.message.id);
      expect(m).toMatchObject({ channel: 'mms', direction: 'inbound', status: 'RECEIVED' });
      expect(m.message_body).toEqual({ header: null, content: '', footer: null, buttons: null, headerMedia: null, media: [{ mediaType: 'image/jpeg', url: media[0]!.url }], subject: null });
      const [event] = hook.events();
      expect(event!.payload).toMatchObject({ channel: 'mms', text: null, media });
      // Other channels carry no media key at all.
      await inbound({ from: '+14155550100', text: 'plain' });
      expect(hook.events()[1]!.payload).not.toHaveProperty('media');
    } finally {
      await hook.close();
    }
  });

  it('refuses inbound media on a channel other than mms, and an inbound with neither text nor media', async () => {
    const { app, c } = heldApp();
    const post = (body: object) => request(app).post('/_sim/inbound').set('x-api-key', c.key).send(body);
    const media = await post({ from: '+14155550100', channel: 'sms', media: [{ url: 'https://x.example/a.jpg' }] });
    expect(media.status).toBe(400);
    expect(media.body.errors).toEqual({ media: [MESSAGES.inboundMediaChannel] });
    const empty = await post({ from: '+14155550100' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual({ text: [MESSAGES.inboundNoContent] });
  });
});
