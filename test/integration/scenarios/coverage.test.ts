import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.js';

describe('scenario files', () => {
  it('each has a test in this folder that runs it', () => {
    const { deps } = testApp();
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'coverage.test.ts')
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const untested = [...deps.scenarios.scenarios.keys()].filter((name) => !sources.includes(`'${name}'`));
    expect(untested).toEqual([]);
    expect(deps.scenarios.scenarios.size).toBeGreaterThanOrEqual(12);
  });

  it('each has a description and an example, and is named <resource>-<situation>', () => {
    const { deps } = testApp();
    for (const s of deps.scenarios.scenarios.values()) {
      expect(s.name).toMatch(/^(profile|completion|campaign|message|webhook|events|template|channel)-[a-z0-9-]+$/);
      expect(s.description.length).toBeGreaterThan(20);
      expect(s.example).toContain('curl');
    }
  });
});
