import type { InteractionResult, VerifyOutcome } from './run-verify.js';

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

/**
 * A readable report: one line per interaction with its provider state, the reason under every
 * failure and skip, then the totals and the verdict (skips do not fail a run).
 */
export function report(outcome: VerifyOutcome | InteractionResult[]): string {
  const results = Array.isArray(outcome) ? outcome : outcome.results;
  const lines: string[] = [];
  if (!Array.isArray(outcome)) {
    lines.push(`Control plane: ${outcome.controlPlane.available ? 'available (simulator)' : 'not available'} — ${outcome.controlPlane.detail}`, '');
  }
  for (const r of results) {
    lines.push(`${MARK[r.status]} ${r.status.toUpperCase().padEnd(7)} ${r.interaction}`);
    if (r.state) lines.push(`            given ${r.state}`);
    if (r.reason) lines.push(`            ${r.status === 'skipped' ? 'why' : 'reason'}: ${r.reason}`);
  }
  const checks = Array.isArray(outcome) ? [] : outcome.checks;
  if (checks.length > 0) lines.push('', 'Delivery checks (what Sent sends, beyond the contracts):');
  for (const c of checks) {
    lines.push(`${MARK[c.status]} ${c.status.toUpperCase().padEnd(7)} ${c.check}`);
    if (c.reason) lines.push(`            ${c.status === 'skipped' ? 'why' : 'reason'}: ${c.reason}`);
  }
  const tally = <T extends { status: string }>(items: T[], s: string) => items.filter((r) => r.status === s).length;
  const failed = tally(results, 'failed') + tally(checks, 'failed');
  const verdict = failed === 0 && tally(results, 'passed') > 0 ? 'PASSED' : 'FAILED';
  const checkTotals = checks.length > 0 ? `; ${checks.length} delivery checks: ${tally(checks, 'passed')} passed, ${tally(checks, 'failed')} failed, ${tally(checks, 'skipped')} skipped` : '';
  lines.push('', `${results.length} interactions: ${tally(results, 'passed')} passed, ${tally(results, 'failed')} failed, ${tally(results, 'skipped')} skipped${checkTotals} — ${verdict}`);
  return lines.join('\n');
}
