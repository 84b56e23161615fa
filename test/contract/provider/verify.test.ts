import { Verifier } from '@pact-foundation/pact';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACT_DIR, PROVIDER } from '../../../src/verify/constants.js';
import { loadPactFiles } from '../../../src/verify/pact-files.js';
import { report } from '../../../src/verify/report.js';
import { CHECK, runDeliveryChecks } from '../../../src/verify/delivery-checks.js';
import { runVerify } from '../../../src/verify/run-verify.js';
import { Target } from '../../../src/verify/target.js';
import { createSession, STATES } from './states.js';
import { freshTenantKey, startSimulator, type Running } from './support.js';

let sim: Running;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const pactFiles = () => loadPactFiles(DEFAULT_PACT_DIR).map((f) => f.path);
const interactions = () => loadPactFiles(DEFAULT_PACT_DIR).flatMap((f) => f.pact.interactions);

describe('the simulator honours the contracts', () => {
  it('passes Pact verification of every pact file in contracts/', async () => {
    const target = new Target({ baseUrl: sim.url, apiKey: freshTenantKey() });
    const session = createSession(target, true);
    await new Verifier({
      provider: PROVIDER,
      providerBaseUrl: sim.url,
      pactUrls: pactFiles(),
      stateHandlers: session.stateHandlers,
      requestFilter: session.requestFilter,
      beforeEach: session.beforeEach,
      logLevel: 'error',
    }).verifyProvider();
    expect(session.failures).toEqual([]);
  });

  it('passes `runVerify` interaction by interaction, none skipped', async () => {
    const outcome = await runVerify({ providerBaseUrl: sim.url, apiKey: freshTenantKey() });
    console.log(report(outcome));
    expect(outcome.controlPlane.available).toBe(true);
    expect(outcome.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(outcome.results).toHaveLength(interactions().length);
    expect(outcome.checks.map((c) => c.check)).toEqual(Object.values(CHECK));
    expect(outcome.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('skips, with the reason, the interactions whose states need the control plane when the target has none', async () => {
    // The same simulator, seen from outside without its control plane, like any other implementation.
    const outside = await startSimulator((inner) =>
      express()
        .use('/_sim', (_req, res) => void res.status(404).json({ success: false }))
        .use(inner),
    );
    try {
      const outcome = await runVerify({ providerBaseUrl: outside.url, apiKey: freshTenantKey() });
      const needy = interactions().filter((i) => (i.providerStates ?? []).some((s) => STATES[s.name as keyof typeof STATES]?.controlPlane));
      const skipped = outcome.results.filter((r) => r.status === 'skipped');
      expect(needy.length).toBeGreaterThan(0);
      expect(skipped.map((r) => r.interaction).sort()).toEqual(needy.map((i) => i.description).sort());
      for (const r of skipped) expect(r.reason).toMatch(/needs the simulator control plane .*GET \/_sim\/tenant answered 404/);
      expect(outcome.results.filter((r) => r.status === 'failed')).toEqual([]);
      // No receiver it can reach was named: the delivery checks are skipped, with the reason.
      expect(outcome.checks.map((c) => c.status)).toEqual(Object.values(CHECK).map(() => 'skipped'));
      for (const c of outcome.checks) expect(c.reason).toMatch(/not a simulator .*--receiver-url/);
      expect(outcome.passed).toBe(true);
      expect(report(outcome)).toMatch(/skipped — PASSED$/);
    } finally {
      await outside.close();
    }
  });

  it('runs the delivery checks against a target without a control plane when given a receiver URL, waiting in real time', async () => {
    const outside = await startSimulator((inner) =>
      express()
        .use('/_sim', (_req, res) => void res.status(404).json({ success: false }))
        .use(inner),
    );
    try {
      const key = freshTenantKey();
      // The contracts are not the point here: the checks alone, as a real target would get them.
      const checks = await runDeliveryChecks(new Target({ baseUrl: outside.url, apiKey: key }), false, { receiver: { publicUrl: 'http://127.0.0.1:0' }, waitSeconds: 10 });
      expect(checks.filter((c) => c.status !== 'passed')).toEqual([]);
    } finally {
      await outside.close();
    }
  });

  it('refuses to run against a target it cannot reach', async () => {
    await expect(runVerify({ providerBaseUrl: 'http://127.0.0.1:9', apiKey: freshTenantKey() })).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
