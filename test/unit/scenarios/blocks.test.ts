import { describe, expect, it } from 'vitest';
import { loadSpec, RequestValidator } from '../../../src/http/validation.js';
import { checkScenarioBlocks, defineScenarioBlock } from '../../../src/scenarios/blocks.js';
import { ScenarioFileError } from '../../../src/scenarios/loader.js';
import type { Scenario } from '../../../src/scenarios/types.js';

const validator = new RequestValidator(loadSpec());

/** A fixture block, as a module would declare it (docs/decisions/0025). */
const COMPLETION = defineScenarioBlock('completion', {
  type: 'object',
  additionalProperties: false,
  properties: { outcome: { enum: ['COMPLETED', 'failed'] }, processing_delay_seconds: { type: 'number', minimum: 0 } },
});

// Blocks as a file has them, typed or not: the check is what stands between a file and the modules.
const scenario = (blocks: Record<string, unknown>): Scenario => ({ name: 'completion-x', description: 'd', example: 'e', rules: [], file: '/scenarios/completion-x.yaml', ...blocks });

function problem(blocks: Record<string, unknown>): string | null {
  try {
    checkScenarioBlocks(new Map([['completion-x', scenario(blocks)]]), [COMPLETION], validator);
    return null;
  } catch (err) {
    if (err instanceof ScenarioFileError) return err.message;
    throw err;
  }
}

describe('checkScenarioBlocks', () => {
  it.each([
    ['no blocks', {}, null],
    ['a valid declared block', { completion: { outcome: 'failed', processing_delay_seconds: 3 } }, null],
    ['a block no module declares', { completoin: { outcome: 'failed' } }, '/scenarios/completion-x.yaml: completoin: no module declares this block (blocks: completion)'],
    [
      'a field outside the block’s schema, named with the keys allowed there',
      { completion: { outcome: 'failed', colour: 'red' } },
      '/scenarios/completion-x.yaml: completion.colour: unknown key (the keys there are outcome, processing_delay_seconds)',
    ],
    ['a value outside the block’s schema, named by its path', { completion: { processing_delay_seconds: -1 } }, /^\/scenarios\/completion-x\.yaml: completion\.processing_delay_seconds: /],
    ['a block that is not an object', { completion: 'fast' }, /^\/scenarios\/completion-x\.yaml: completion: /],
  ] as const)('%s', (_label, blocks, expected) => {
    const message = problem(blocks);
    if (expected === null) expect(message).toBeNull();
    else if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('checks every scenario of the set, not only the first', () => {
    const ok = scenario({ completion: { outcome: 'failed' } });
    const bad: Scenario = { ...scenario({ events: { drop: true } }), name: 'events-x', file: '/scenarios/events-x.yaml' };
    expect(() => checkScenarioBlocks(new Map([['completion-x', ok], ['events-x', bad]]), [COMPLETION], validator)).toThrow(/events-x\.yaml: events: no module declares/);
  });
});
