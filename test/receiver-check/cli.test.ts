/**
 * Issue 26: `sent-sim check-receiver` as a partner runs it from a clone (the real CLI, started
 * from the sources): the graded report, `--json` for CI, the exit code, and one-line errors.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { FAMILY_NAMES, type ReceiverCheckReport } from '../../src/index.js';
import { correctReceiver, unverifiedReceiver } from '../support/webhook-receivers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const aSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Runs the CLI to its end: exit code, stdout, stderr. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { SENT_WEBHOOK_SECRET: _secret, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', './test/support/ts-register.mjs', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('sent-sim check-receiver', () => {
  it('prints a graded report and exits 0 for a receiver that verifies; --json gives the report object', async () => {
    const secret = aSecret();
    const receiver = await correctReceiver(secret);
    try {
      const text = await run(['check-receiver', receiver.url, '--secret', secret]);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^Receiver check of http:\/\/127\.0\.0\.1:\d+\/sent\/webhooks \(families: message, templates, contact, channel\)\n/);
      expect(text.stdout).toMatch(/^PASS {2}accepts a valid signed event \(2xx within 10 s\) — 204 in \d+ ms$/m);
      expect(text.stdout).toMatch(/^PASS {2}rejects a bad signature \(4xx\) — 401 in \d+ ms$/m);
      expect(text.stdout.trimEnd()).toMatch(/\nREADY: all 12 must-pass checks passed\.$/);

      // The secret may come from the environment, as in the README's receiver.
      const json = await run(['check-receiver', receiver.url, '--json', '--events', 'message, channel', '--timeout', '5'], { SENT_WEBHOOK_SECRET: secret });
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as ReceiverCheckReport;
      expect(report).toMatchObject({ url: receiver.url, events: ['message', 'channel'], passed: true, summary: { must_passed: 10, must_total: 10, failed: 0 } });
      expect(report.checks[0]).toMatchObject({ id: 'valid_event', title: 'accepts a valid signed event (2xx within 5 s)', status: 'pass', must: true });
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('exits 1 and names the failed checks for a receiver that skips verification', async () => {
    const receiver = await unverifiedReceiver();
    try {
      const { code, stdout } = await run(['check-receiver', receiver.url, '--secret', aSecret(), '--events', 'templates']);
      expect(code).toBe(1);
      expect(stdout.match(/^FAIL .*$/gm)).toEqual([
        expect.stringMatching(/^FAIL {2}rejects a bad signature \(4xx\) — accepted it \(204 in \d+ ms\); a signature made with another secret must be refused/),
        expect.stringMatching(/^FAIL {2}rejects a stale timestamp \(signed 10 minutes ago; 4xx\) — accepted it/),
        expect.stringMatching(/^FAIL {2}rejects a delivery without x-webhook-signature \(4xx\) — accepted it/),
      ]);
      expect(stdout).toMatch(/^WARN {2}rejects a timestamp 10 minutes in the future \(4xx\) \[advisory\]/m);
      expect(stdout.trimEnd()).toMatch(/\nNOT READY: 6 of 9 must-pass checks passed \(3 failed, 0 skipped\); 1 advisory warning\.$/);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('answers a bad URL, a malformed or missing secret and an unknown family with one line, exit 1', async () => {
    const secret = aSecret();
    const cases: Array<[string[], unknown]> = [
      [['check-receiver', 'localhost:3000/hooks', '--secret', secret], `error: ${MESSAGES.receiverCheckUrl('localhost:3000/hooks')}`],
      [['check-receiver', 'http://127.0.0.1:9/hooks', '--secret', 'sk_test_not_a_secret'], `error: ${MESSAGES.receiverCheckSecret}`],
      [['check-receiver', 'http://127.0.0.1:9/hooks', '--secret', secret, '--events', 'message,link'], `error: ${MESSAGES.receiverCheckEvents(['link'], FAMILY_NAMES)}`],
      [['check-receiver', 'http://127.0.0.1:9/hooks'], "error: required option '--secret <whsec>' not specified (sent-sim --help)"],
      [['check-receiver', 'http://127.0.0.1:9/hooks', '--secret', secret, '--timeout', '0'], expect.stringMatching(/^error: option '--timeout <seconds>' argument '0' is invalid/)],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach(({ code, stdout, stderr }, i) => {
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([cases[i]![1]]);
    });
  }, 60_000);

  it('explains every check in its help', async () => {
    const { code, stdout } = await run(['check-receiver', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: sent-sim check-receiver [options] <url>');
    expect(stdout).toContain('--secret <whsec>');
    expect(stdout).toContain('SENT_WEBHOOK_SECRET');
    expect(stdout).toContain('must pass');
    expect(stdout).toContain('docs/guide/receiver-check.md');
  }, 60_000);
});
