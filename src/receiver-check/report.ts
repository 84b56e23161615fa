import type { CheckResult } from './checks.js';
import type { ReceiverCheckReport } from './index.js';

const MARK = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

/** The report's first line. */
export function reportHeader(url: string, events: readonly string[]): string {
  return `Receiver check of ${url} (families: ${events.join(', ')})\n`;
}

/** One line per check as it finishes: `PASS  accepts a valid signed event … — 200 in 4 ms`. */
export function checkLine(c: CheckResult): string {
  return `${MARK[c.status]}  ${c.title}${c.must ? '' : ' [advisory]'} — ${c.reason}`;
}

/** The verdict: READY only when every must-pass check passed. */
export function reportSummary(report: ReceiverCheckReport): string {
  const { summary } = report;
  const warned = summary.warnings > 0 ? `; ${summary.warnings} advisory warning${summary.warnings === 1 ? '' : 's'}` : '';
  return report.passed
    ? `\nREADY: all ${summary.must_total} must-pass checks passed${warned}.`
    : `\nNOT READY: ${summary.must_passed} of ${summary.must_total} must-pass checks passed (${summary.failed} failed, ${summary.skipped} skipped)${warned}.`;
}

/** The readable report `sent-sim check-receiver` prints, line by line as checks finish (`--json` prints the report object instead). */
export function reportText(report: ReceiverCheckReport): string {
  return [reportHeader(report.url, report.events), ...report.checks.map(checkLine), reportSummary(report)].join('\n');
}
