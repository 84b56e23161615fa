import type { components } from '../../src/generated/sent-v3.js';

type Schemas = components['schemas'];
type BodyContent = Schemas['TemplateBodyContent'];

/** A body text with its variables declared in order (`{{0:variable}}` is `names[0]`). */
export function aBody(template: string, ...names: string[]): BodyContent {
  return { template, variables: names.map((name, id) => ({ id, name, type: 'variable', props: { variableType: 'text', sample: name } })) };
}

/** The docs example: one body for all channels, two variables. */
export function aDefinition(overrides: Partial<Schemas['TemplateDefinition']> = {}): Schemas['TemplateDefinition'] {
  return { body: { multiChannel: aBody('Hello {{0:variable}}! Welcome to {{1:variable}}.', 'name', 'company') }, definitionVersion: '1.0', ...overrides };
}

/** A valid create body; override what a test is about. */
export function aTemplate(overrides: Partial<Schemas['CreateTemplateRequest']> = {}): Schemas['CreateTemplateRequest'] {
  return { category: 'UTILITY', language: 'en_US', definition: aDefinition(), ...overrides };
}

/** A create body whose only body is the given channel's (sms-only templates skip review). */
export function aChannelTemplate(channel: 'sms' | 'whatsapp' | 'rcs', text = 'Your code is {{0:variable}}', ...names: string[]): Schemas['CreateTemplateRequest'] {
  return { definition: { body: { [channel]: aBody(text, ...(names.length > 0 ? names : ['code'])) } } };
}
