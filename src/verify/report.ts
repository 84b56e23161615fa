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
  const count = (s: InteractionResult['status']) => results.filter((r) => r.status === s).length;
  const passed = count('passed');
  const failed = count('failed');
  const skipped = count('skipped');
  const verdict = failed === 0 && passed > 0 ? 'PASSED' : 'FAILED';
  lines.push('', `${results.length} interactions: ${passed} passed, ${failed} failed, ${skipped} skipped — ${verdict}`);
  return lines.join('\n');
}
