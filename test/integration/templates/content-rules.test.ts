import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aBody } from '../../support/template-builders.js';

/**
 * Sent's template content rules as of 2026-11 (docs/decisions/0048), through the API: each rule
 * with one body it accepts (stored, read back) and one it refuses (400 VALIDATION_001, the
 * breach at its JSON path, nothing stored); then one body that breaks several and hears of all.
 */
function setup() {
  const { app } = testApp();
  const c = client(app);
  const list = async () => (await c.get('/v3/templates?page=1&page_size=100')).body.data.templates as Array<{ id: string }>;
  /** The stored definition, as the control plane shows it. */
  const stored = async (id: string) =>
    ((await sim(app, c.key).tenant()).templates as Array<{ id: string; simulator: { definition: Record<string, unknown> } }>).find((t) => t.id === id)!.simulator.definition;
  return { c, list, stored };
}

const text = (template: string) => ({ template });
const multi = (template: string, ...names: string[]) => ({ body: { multiChannel: aBody(template, ...names) } });
const OK = 'Your order is ready for pickup';
const withButtons = (...buttons: object[]) => ({ ...multi(OK), buttons });
const filler = (length: number) => `Hello ${'x'.repeat(length - 'Hello '.length)}`;

interface Rule {
  rule: string;
  accepted: object;
  refused: object;
  details: Record<string, string[]>;
}

const RULES: Rule[] = [
  { rule: 'multiChannel alone; not with sms', accepted: multi(OK), refused: { body: { multiChannel: text(OK), sms: text(OK) } }, details: { 'definition.body.sms': [MESSAGES.templateBodyMixed] } },
  { rule: 'multiChannel alone; not with whatsapp', accepted: { body: { multiChannel: text(OK), rcs: text(OK) } }, refused: { body: { multiChannel: text(OK), whatsapp: text(OK) } }, details: { 'definition.body.whatsapp': [MESSAGES.templateBodyMixed] } },
  { rule: 'an sms and whatsapp pair; not sms alone', accepted: { body: { sms: text(OK), whatsapp: text(OK) } }, refused: { body: { sms: text(OK) } }, details: { 'definition.body.sms': [MESSAGES.templateBodyNeedsPair('sms', 'whatsapp')] } },
  { rule: 'an sms and whatsapp pair; not whatsapp alone', accepted: { body: { sms: text(OK), whatsapp: text(OK), rcs: text(OK) } }, refused: { body: { whatsapp: text(OK), rcs: text(OK) } }, details: { 'definition.body.whatsapp': [MESSAGES.templateBodyNeedsPair('whatsapp', 'sms')] } },
  { rule: 'rcs overrides; never alone', accepted: { body: { multiChannel: text(OK), rcs: text('Your order is ready, tap below') } }, refused: { body: { rcs: text(OK) } }, details: { 'definition.body.rcs': [MESSAGES.templateBodyOverrideAlone('rcs')] } },
  {
    rule: 'mms overrides, with https media; never alone',
    accepted: { body: { multiChannel: text(OK), mms: { template: OK, subject: 'Ready!', media: [{ mediaType: 'image/png', url: 'https://cdn.example.com/order.png' }] } } },
    refused: { body: { mms: text(OK) } },
    details: { 'definition.body.mms': [MESSAGES.templateBodyOverrideAlone('mms')] },
  },
  { rule: 'a body of 1,024 characters; not 1,025', accepted: multi(filler(1024)), refused: multi(filler(1025)), details: { 'definition.body.multiChannel.template': [MESSAGES.templateBodyTooLong(1024)] } },
  {
    rule: 'an rcs body of 3,072 characters; not 3,073',
    accepted: { body: { multiChannel: text(OK), rcs: text(filler(3072)) } },
    refused: { body: { multiChannel: text(OK), rcs: text(filler(3073)) } },
    details: { 'definition.body.rcs.template': [MESSAGES.templateBodyTooLong(3072)] },
  },
  { rule: 'a letter before the first variable', accepted: multi('Hi {{0:variable}}, your order is ready', 'name'), refused: multi('{{0:variable}}, your order is ready now', 'name'), details: { 'definition.body.multiChannel.template': [MESSAGES.templateLetterBeforeFirstVariable] } },
  {
    rule: 'a letter after the last variable (punctuation does not count)',
    accepted: multi('Your order {{0:variable}} is ready, dear {{1:variable}}. See you', 'order', 'name'),
    refused: multi('Your order {{0:variable}} is ready, dear {{1:variable}}.', 'order', 'name'),
    details: { 'definition.body.multiChannel.template': [MESSAGES.templateLetterAfterLastVariable] },
  },
  { rule: '(2 × variables) + 1 words', accepted: multi('Hi {{0:variable}}, see {{1:variable}} soon today, okay', 'a', 'b'), refused: multi('Hi {{0:variable}} and {{1:variable}} ok', 'a', 'b'), details: { 'definition.body.multiChannel.template': [MESSAGES.templateTooFewWords(5, 2)] } },
  {
    rule: 'no two variables separated only by whitespace',
    accepted: multi('Dear {{0:variable}} and {{1:variable}}, your order has shipped today', 'first', 'last'),
    refused: multi('Dear {{0:variable}} {{1:variable}}, your order has shipped today', 'first', 'last'),
    details: { 'definition.body.multiChannel.template': [MESSAGES.templateAdjacentVariables] },
  },
  { rule: 'no leading or trailing newline', accepted: multi('Your order\nis ready'), refused: multi('Your order is ready\n'), details: { 'definition.body.multiChannel.template': [MESSAGES.templateEdgeNewline] } },
  { rule: 'at most two consecutive line breaks', accepted: multi('Your order\n\nis ready'), refused: multi('Your order\n\n\nis ready'), details: { 'definition.body.multiChannel.template': [MESSAGES.templateTooManyLineBreaks] } },
  { rule: 'at most four consecutive spaces', accepted: multi('Your order    is ready'), refused: multi('Your order     is ready'), details: { 'definition.body.multiChannel.template': [MESSAGES.templateTooManySpaces] } },
  {
    rule: 'variable names start with a letter (letters, digits, underscores)',
    accepted: multi('Hi {{0:variable}}, your order is ready', 'first_name2'),
    refused: multi('Hi {{0:variable}}, your order is ready', '2first'),
    details: { 'definition.body.multiChannel.variables[0].name': ['The definition.body.multiChannel.variables[0].name field has an invalid format'] },
  },
  {
    rule: 'variable ids unique (an omitted id is 0)',
    accepted: { body: { multiChannel: { template: 'Hi {{0:variable}}, your order is ready', variables: [{ name: 'name' }] } } },
    refused: { body: { multiChannel: { template: 'Hi {{0:variable}}, your order is ready', variables: [{ name: 'name' }, { name: 'order' }] } } },
    details: { 'definition.body.multiChannel.variables': [MESSAGES.templateVariableIdsUnique] },
  },
  {
    rule: 'variable type variable, link or media',
    accepted: { body: { multiChannel: { template: 'Track {{0:variable}} for your order', variables: [{ id: 0, name: 'link', type: 'link' }] } } },
    refused: { body: { multiChannel: { template: 'Track {{0:variable}} for your order', variables: [{ id: 0, name: 'link', type: 'url' }] } } },
    details: { 'definition.body.multiChannel.variables[0].type': ['The definition.body.multiChannel.variables[0].type field must be one of: variable, link, media'] },
  },
  { rule: 'button ids unique (an omitted id is 0)', accepted: withButtons({ id: 1, type: 'QUICK_REPLY', props: { text: 'Yes' } }, { id: 2, type: 'QUICK_REPLY', props: { text: 'No' } }), refused: withButtons({ type: 'QUICK_REPLY', props: { text: 'Yes' } }, { type: 'QUICK_REPLY', props: { text: 'No' } }), details: { 'definition.buttons': [MESSAGES.templateButtonIdsUnique] } },
  { rule: 'button labels of at most 25 characters', accepted: withButtons({ type: 'QUICK_REPLY', props: { text: 'x'.repeat(25) } }), refused: withButtons({ type: 'QUICK_REPLY', props: { text: 'x'.repeat(26) } }), details: { 'definition.buttons[0].props.text': [MESSAGES.templateButtonTextTooLong(25)] } },
  { rule: 'button labels without a placeholder', accepted: withButtons({ type: 'URL', props: { text: 'Track it', url: 'https://x.test/track' } }), refused: withButtons({ type: 'URL', props: { text: 'Track {{1:variable}}', url: 'https://x.test/track' } }), details: { 'definition.buttons[0].props.text': [MESSAGES.templateButtonTextContent] } },
  { rule: 'button labels without a newline', accepted: withButtons({ type: 'QUICK_REPLY', props: { text: 'Yes please' } }), refused: withButtons({ type: 'QUICK_REPLY', props: { text: 'Yes\nplease' } }), details: { 'definition.buttons[0].props.text': [MESSAGES.templateButtonTextContent] } },
  { rule: 'button labels without an emoji (OTP buttons exempt)', accepted: withButtons({ type: 'OTP', props: { text: 'Copy code 🔑', otpType: 'COPY_CODE' } }), refused: withButtons({ type: 'QUICK_REPLY', props: { text: 'Go 🚀' } }), details: { 'definition.buttons[0].props.text': [MESSAGES.templateButtonTextContent] } },
  { rule: 'button labels without WhatsApp formatting', accepted: withButtons({ type: 'QUICK_REPLY', props: { text: 'Bold move' } }), refused: withButtons({ type: 'QUICK_REPLY', props: { text: '~Maybe~' } }), details: { 'definition.buttons[0].props.text': [MESSAGES.templateButtonTextContent] } },
  { rule: 'a label on every button', accepted: withButtons({ type: 'QUICK_REPLY', props: { text: 'Yes' } }), refused: withButtons({ type: 'QUICK_REPLY', props: {} }), details: { 'definition.buttons[0].props.text': ['The definition.buttons[0].props.text field is required'] } },
  {
    rule: 'mms media on https, not presigned',
    accepted: { body: { sms: text(OK), whatsapp: text(OK), mms: { template: OK, media: [{ url: 'https://cdn.example.com/a.jpg?v=2' }] } } },
    refused: { body: { sms: text(OK), whatsapp: text(OK), mms: { template: OK, media: [{ url: 'http://cdn.example.com/a.jpg' }, { url: 'https://b.s3.amazonaws.com/a.jpg?X-Amz-Signature=abc' }] } } },
    details: { 'definition.body.mms.media[0].url': [MESSAGES.templateMediaUrl], 'definition.body.mms.media[1].url': [MESSAGES.templateMediaPresigned] },
  },
];

describe('the content rules, one by one', () => {
  for (const { rule, accepted, refused, details } of RULES) {
    it(`accepts and refuses by the rule: ${rule}`, async () => {
      const { c, list } = setup();
      const ok = await c.post('/v3/templates', { definition: accepted });
      expect(ok.status, JSON.stringify(ok.body.error)).toBe(201);
      expect((await c.get(`/v3/templates/${ok.body.data.id}`)).body.data).toEqual(ok.body.data);

      const no = await c.post('/v3/templates', { definition: refused });
      expect(no.status).toBe(400);
      expect(no.body.error.code).toBe('VALIDATION_001');
      expect(no.body.error.details).toEqual(details);
      // The same rules on PUT, and a refused request changes nothing.
      const put = await c.put(`/v3/templates/${ok.body.data.id}`, { definition: refused });
      expect(put.status).toBe(400);
      expect(put.body.error.details).toEqual(details);
      expect((await c.get(`/v3/templates/${ok.body.data.id}`)).body.data).toEqual(ok.body.data);
      expect((await list()).map((t) => t.id)).toEqual([ok.body.data.id]);
    });
  }

  it('takes a number or boolean sample and stores it as a string', async () => {
    const { c, stored } = setup();
    const variables = [
      { id: 0, name: 'points', type: 'variable', props: { variableType: 'text', sample: 120 } },
      { id: 1, name: 'vip', type: 'variable', props: { variableType: 'text', sample: true } },
    ];
    const res = await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'You have {{0:variable}} points and VIP is {{1:variable}} today', type: null, variables } } } });
    expect(res.status).toBe(201);
    const body = (await stored(res.body.data.id)).body as { multiChannel: { variables: Array<{ props: { sample: unknown } }> } };
    expect(body.multiChannel.variables.map((v) => v.props.sample)).toEqual(['120', 'true']);
    expect(body.multiChannel).not.toHaveProperty('type');
  });

  it('refuses a new name in the reserved sent_ prefix, in any case', async () => {
    const { c } = setup();
    const t = (await c.post('/v3/templates', { definition: multi(OK) })).body.data;
    for (const name of ['sent_welcome', 'Sent_Welcome']) {
      const res = await c.put(`/v3/templates/${t.id}`, { name });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.templateSentReadOnly, details: { name: [MESSAGES.templateSentReadOnly] } });
    }
    expect((await c.put(`/v3/templates/${t.id}`, { name: 'sent welcome' })).body.data.name).toBe('sent welcome');
    expect((await c.get(`/v3/templates/${t.id}`)).body.data.name).toBe('sent welcome');
  });
});

describe('a body breaking several rules', () => {
  it('hears of every breach at once, each at its JSON path, and nothing is stored', async () => {
    const { c, list } = setup();
    const res = await c.post('/v3/templates', {
      category: 'PROMO',
      definition: {
        body: {
          multiChannel: { template: `{{0:variable}} {{1:variable}}.${' '.repeat(5)}x`.padEnd(1030, 'y'), variables: [{ id: 0, name: 'first' }, { id: 1, name: '_last' }] },
          sms: text(OK),
        },
        buttons: [
          { id: 1, type: 'QUICK_REPLY', props: { text: 'Yes' } },
          { id: 1, type: 'QUICK_REPLY', props: { text: '*Absolutely, yes please, now*' } },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: ERROR_CATALOG.VALIDATION_001.message });
    expect(res.body.error.details).toEqual({
      category: [MESSAGES.templateCategory],
      'definition.body.sms': [MESSAGES.templateBodyMixed],
      'definition.body.multiChannel.template': [
        MESSAGES.templateBodyTooLong(1024),
        MESSAGES.templateLetterBeforeFirstVariable,
        MESSAGES.templateAdjacentVariables,
        MESSAGES.templateTooFewWords(5, 2),
        MESSAGES.templateTooManySpaces,
      ],
      'definition.body.multiChannel.variables[1].name': ['The definition.body.multiChannel.variables[1].name field has an invalid format'],
      'definition.buttons': [MESSAGES.templateButtonIdsUnique],
      'definition.buttons[1].props.text': [MESSAGES.templateButtonTextTooLong(25), MESSAGES.templateButtonTextContent],
    });
    expect(await list()).toEqual([]);
  });
});
