import { describe, expect, it } from 'vitest';
import { DEFAULT_PACT_DIR } from '../../../src/verify/constants.js';
import { loadPactFiles, type PactInteraction } from '../../../src/verify/pact-files.js';
import { report } from '../../../src/verify/report.js';
import { runVerify, type VerifyOutcome } from '../../../src/verify/run-verify.js';
import { STATE } from './states.js';
import { freshTenantKey, listen, simulatorDeps } from './support.js';
import { VARIANTS } from './variants.js';

/**
 * The contracts discriminate: verified against implementations that diverge from Sent in one
 * behaviour each, verification fails, and it fails exactly the interactions that describe that
 * behaviour (plus, where a provider state needs the broken behaviour, the interactions that
 * depend on it), naming them.
 */
const interactions = loadPactFiles(DEFAULT_PACT_DIR).flatMap((f) => f.pact.interactions);
const where = (test: (i: PactInteraction) => boolean) => interactions.filter(test).map((i) => i.description);
const given = (state: string) => where((i) => (i.providerStates ?? []).some((s) => s.name === state));
const response = (i: PactInteraction) => i.response as { status: number; body?: { content?: { error?: { code?: string } } } };

const EXPECTED_FAILURES: Record<string, string[]> = {
  'hard delete': given(STATE.deleted),
  'hard delete, idempotent DELETE, no control plane': ['a request to delete a profile that was already deleted'],
  'no brand lock': ['a request to change the brand of a profile whose brand was submitted to TCR'],
  // The two states that run completion themselves cannot be set up either.
  'completion answers 200': [
    'a request to complete a profile that meets every prerequisite',
    ...given(STATE.brandSubmitted),
    ...given(STATE.completed),
  ],
  'payment details with organization billing': ['a request to create a profile with payment details and organization billing'],
  'error envelope without meta': where((i) => response(i).status >= 400),
  'generic not-found code': where((i) => response(i).body?.content?.error?.code === 'RESOURCE_014'),
};

async function verifyVariant(name: string): Promise<VerifyOutcome> {
  const variant = VARIANTS.find((v) => v.name === name)!;
  const deps = simulatorDeps();
  const running = await listen(deps, (inner) => variant.build(deps, inner));
  try {
    return await runVerify({ providerBaseUrl: running.url, apiKey: freshTenantKey() });
  } finally {
    await running.close();
  }
}

describe('the contracts catch implementations that diverge from Sent', () => {
  it('covers every variant', () => {
    expect(Object.keys(EXPECTED_FAILURES).sort()).toEqual(VARIANTS.map((v) => v.name).sort());
    for (const expected of Object.values(EXPECTED_FAILURES)) expect(expected.length).toBeGreaterThan(0);
  });

  for (const variant of VARIANTS) {
    it(`fails "${variant.name}" (${variant.divergence}), naming the broken interactions`, async () => {
      const outcome = await verifyVariant(variant.name);
      const failed = outcome.results.filter((r) => r.status === 'failed');
      if (failed.map((r) => r.interaction).sort().join('\n') !== [...EXPECTED_FAILURES[variant.name]!].sort().join('\n')) {
        console.log(`variant "${variant.name}":\n${report(outcome)}`);
      }
      expect(outcome.passed).toBe(false);
      expect(failed.map((r) => r.interaction).sort()).toEqual([...EXPECTED_FAILURES[variant.name]!].sort());
      for (const r of failed) expect(r.reason).toBeTruthy();
      expect(report(outcome)).toMatch(/— FAILED$/);
    });
  }

  it('says why: the reasons point at the divergence', async () => {
    const hard = await verifyVariant('hard delete');
    expect(hard.results.find((r) => r.status === 'failed')?.reason).toMatch(/gone from the store: Sent soft-deletes profiles/);
    const idempotent = await verifyVariant('hard delete, idempotent DELETE, no control plane');
    expect(idempotent.results.find((r) => r.status === 'failed')?.reason).toMatch(/expected 404 but was 204/i);
    expect(idempotent.results.filter((r) => r.status === 'skipped').length).toBeGreaterThan(0);
  });
});
