/**
 * Reads the Pact verifier's result. `verifyProvider()` resolves with, or rejects with an Error
 * whose message is, the verifier's JSON:
 *   { result: boolean, errors: [{ interaction, mismatch: { type: "mismatches", mismatches: [...] }
 *                                               | { type: "error", message } }], ... }
 * Anything else (the verifier could not run) is reported as it came.
 */
export function parseVerifierOutcome(raw: unknown, rejected = false): { ok: boolean; reason?: string } {
  const json = parse(raw);
  if (!json) return rejected ? { ok: false, reason: String(raw).slice(0, 500) } : { ok: true };
  if (json.result === true && !rejected) return { ok: true };
  const reasons = (Array.isArray(json.errors) ? json.errors : []).flatMap(describeError);
  return { ok: false, reason: reasons.length > 0 ? reasons.join('; ') : 'verification failed' };
}

interface VerifierJson {
  result?: unknown;
  errors?: unknown;
}

function parse(raw: unknown): VerifierJson | null {
  if (typeof raw !== 'string') return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

function describeError(error: unknown): string[] {
  const mismatch = (error as { mismatch?: { mismatches?: unknown; message?: unknown } } | null)?.mismatch;
  if (!mismatch) return [];
  if (Array.isArray(mismatch.mismatches)) {
    // Status first: it usually says it all; then headers, then the body.
    const rank = (m: unknown) => ['StatusMismatch', 'HeaderMismatch'].indexOf(String((m as { type?: unknown } | null)?.type)) >>> 0;
    return [...(mismatch.mismatches as unknown[])].sort((a, b) => rank(a) - rank(b)).map((m: unknown) => {
      const { mismatch: text, path, key, type } = (m ?? {}) as Record<string, unknown>;
      const where = typeof path === 'string' ? `${path}: ` : typeof key === 'string' ? `header ${key}: ` : '';
      return `${where}${typeof text === 'string' ? text : String(type)}`;
    });
  }
  return typeof mismatch.message === 'string' ? [mismatch.message] : [];
}
