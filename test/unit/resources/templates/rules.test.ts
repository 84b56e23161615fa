import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { baseName, createProblems, headline, normalizeDefinition, sameDefinition, uniqueName, updateProblems } from '../../../../src/resources/templates/rules.js';
import { aBody } from '../../../support/template-builders.js';

const body = (template: string) => ({ body: { multiChannel: { template } } });

describe('baseName', () => {
  it('takes the first four words of the first body, as written', () => {
    expect(baseName(body('Hello {{0:variable}}! Welcome to {{1:variable}}.'))).toBe('Hello Welcome to');
    expect(baseName({ body: { sms: { template: 'sms text here' }, whatsapp: { template: 'whatsapp' } } })).toBe('sms text here');
    expect(baseName({ body: { multiChannel: null, rcs: { template: 'Rich card: order ready now, come' } } })).toBe('Rich card order ready');
  });

  it('is "Untitled Template" without words, and at most 60 characters, never splitting a character', () => {
    expect(baseName(body('{{0:variable}} — !!'))).toBe('Untitled Template');
    expect(baseName(body('a'.repeat(100)))).toBe('a'.repeat(60));
    // 𝟘 and 𝟙 are digits outside the BMP (two UTF-16 units each).
    expect(baseName(body(`${'ab'.repeat(29)}x𝟘𝟙`))).toBe(`${'ab'.repeat(29)}x𝟘`);
  });
});

describe('uniqueName', () => {
  it('adds the first free " (n)" suffix from 2', () => {
    expect(uniqueName('A', [])).toBe('A');
    expect(uniqueName('A', ['A (2)', 'B'])).toBe('A');
    expect(uniqueName('A', ['A'])).toBe('A (2)');
    expect(uniqueName('A', ['A', 'A (2)', 'A (4)', 'A (x)', 'AB (3)'])).toBe('A (3)');
  });
});

describe('normalizeDefinition', () => {
  it('turns a number or boolean sample into a string and drops a null body type, leaving the request as it was', () => {
    const definition = {
      body: { multiChannel: { template: 'Hi {{0:variable}}, you have {{1:variable}} points today', type: null, variables: [
        { id: 0, name: 'vip', type: 'variable', props: { sample: true } },
        { id: 1, name: 'points', type: 'variable', props: { sample: 1.5 } },
      ] } },
      buttons: [{ type: 'URL', props: { text: 'Open', url: 'https://x.test/{{0:variable}}', variables: [{ id: 0, name: 'path', props: { sample: 7 } }] } }],
    };
    const before = structuredClone(definition);
    const out = normalizeDefinition(definition as never) as unknown as typeof definition;
    expect(out.body.multiChannel).not.toHaveProperty('type');
    expect(out.body.multiChannel.variables.map((v) => v.props.sample)).toEqual(['true', '1.5']);
    expect(out.buttons[0]!.props.variables[0]!.props.sample).toBe('7');
    expect(definition).toEqual(before);
  });
});

describe('sameDefinition', () => {
  it('ignores key order and undefined keys', () => {
    expect(sameDefinition({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1, e: undefined })).toBe(true);
    expect(sameDefinition({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameDefinition({ a: null }, {})).toBe(false);
  });
});

describe('the checks', () => {
  it('tolerate bodies of any shape without throwing', () => {
    for (const value of [null, 42, 'x', [], { definition: 5 }, { definition: { body: 'x', buttons: 'y', header: 3 } }, { definition: { body: { sms: { template: 5, variables: 'v' } } } }]) {
      expect(() => createProblems(value)).not.toThrow();
      expect(() => updateProblems(value)).not.toThrow();
    }
  });

  it('name only Sent’s documented messages as headlines', () => {
    expect(headline(createProblems({}))).toBe(MESSAGES.templateDefinitionRequired);
    expect(headline(createProblems({ definition: body('Hi there'), category: 'X' }))).toBe(MESSAGES.templateCategory);
    expect(headline(createProblems({ definition: { body: { sms: aBody('{{1:variable}}') } } }))).toBeUndefined();
    expect(headline(createProblems({ category: 'X' }))).toBeUndefined();
    expect(headline(updateProblems({ name: 'SENT_welcome' }))).toBe(MESSAGES.templateSentReadOnly);
    expect(updateProblems({ name: 'sent welcome' })).toEqual({});
  });
});
