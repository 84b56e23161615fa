import type { components } from '../../src/generated/sent-v3.js';

type Schemas = components['schemas'];
type BodyContent = Schemas['TemplateBodyContent'];

/** A body text with its variables declared in order (`{{0:variable}}` is `names[0]`). */
export function aBody(template: string, ...names: string[]): BodyContent {
  return { template, variables: names.map((name, id) => ({ id, name, type: 'variable', props: { variableType: 'text', sample: name } })) };
}

/** The SDK's example: one body for all channels, two variables, enough words around them for Meta. */
export function aDefinition(overrides: Partial<Schemas['TemplateDefinition']> = {}): Schemas['TemplateDefinition'] {
  return {
    body: { multiChannel: aBody('Hello {{0:variable}}! Welcome to {{1:variable}}. We are glad to have you on board.', 'name', 'company') },
    definitionVersion: '1.0',
    ...overrides,
  };
}

/** A valid create body; override what a test is about. */
export function aTemplate(overrides: Partial<Schemas['CreateTemplateRequest']> = {}): Schemas['CreateTemplateRequest'] {
  return { category: 'UTILITY', language: 'en_US', definition: aDefinition(), ...overrides };
}

/** A create body with the other strategy: an sms and a whatsapp body (both needed), one variable each. */
export function aPairTemplate(sms = 'Your code is {{0:variable}}, valid for ten minutes', whatsapp = sms, ...names: string[]): Schemas['CreateTemplateRequest'] {
  const vars = names.length > 0 ? names : ['code'];
  return { definition: { body: { sms: aBody(sms, ...vars), whatsapp: aBody(whatsapp, ...vars) } } };
}
