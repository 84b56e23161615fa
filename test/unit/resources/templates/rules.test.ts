import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { baseName, createProblems, headline, sameDefinition, statusAfterEdit, uniqueName, updateProblems } from '../../../../src/resources/templates/rules.js';
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

describe('statusAfterEdit', () => {
  it('returns a changed template to DRAFT and submits DRAFT or REJECTED ones', () => {
    expect(statusAfterEdit('APPROVED', true, false)).toEqual({ status: 'DRAFT', submits: false });
    expect(statusAfterEdit('APPROVED', true, true)).toEqual({ status: 'DRAFT', submits: true });
    expect(statusAfterEdit('APPROVED', false, true)).toEqual({ status: 'APPROVED', submits: false });
    expect(statusAfterEdit('PENDING', false, true)).toEqual({ status: 'PENDING', submits: false });
    expect(statusAfterEdit('PENDING', true, false)).toEqual({ status: 'DRAFT', submits: false });
    expect(statusAfterEdit('REJECTED', false, true)).toEqual({ status: 'REJECTED', submits: true });
    expect(statusAfterEdit('REJECTED', false, false)).toEqual({ status: 'REJECTED', submits: false });
    expect(statusAfterEdit('DRAFT', false, true)).toEqual({ status: 'DRAFT', submits: true });
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
    expect(headline(createProblems({ definition: body('Hi'), category: 'X' }))).toBe(MESSAGES.templateCategory);
    expect(headline(createProblems({ definition: { body: { sms: aBody('{{1:variable}}') } } }))).toBeUndefined();
    expect(headline(createProblems({ category: 'X' }))).toBeUndefined();
  });
});
