import { ERROR_CATALOG, type ErrorCode } from './catalog.js';

export type ErrorDetails = Record<string, string[]>;

/** A Sent error with a catalog code. Handlers throw it; the one error handler renders it. */
export class SimError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails | null;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: ErrorDetails | null; status?: number; headers?: Record<string, string> } = {},
  ) {
    const entry = ERROR_CATALOG[code];
    super(options.message ?? entry.message);
    this.name = 'SimError';
    this.code = code;
    this.status = options.status ?? entry.status;
    this.details = options.details ?? null;
    this.headers = options.headers ?? {};
  }
}

/** The one factory for Sent errors (MSW habit: stable codes made in one place). */
export function simError(code: ErrorCode, options?: ConstructorParameters<typeof SimError>[1]): SimError {
  return new SimError(code, options);
}

/** `400 VALIDATION_001` listing every failing field (docs/decisions/0001). */
export function validationError(details: ErrorDetails, status = 400): SimError {
  return new SimError('VALIDATION_001', { details, status });
}

/** Collects field messages keyed by field path, so one request reports every failure at once. */
export class DetailCollector {
  readonly details: ErrorDetails = {};
  add(path: string, message: string): void {
    // Own keys only: a path may be any key of a request body, `constructor` or `toString` too.
    if (!Object.hasOwn(this.details, path)) Object.defineProperty(this.details, path, { value: [], enumerable: true, writable: true, configurable: true });
    this.details[path]!.push(message);
  }
  merge(other: ErrorDetails): void {
    for (const [path, messages] of Object.entries(other)) for (const m of messages) this.add(path, m);
  }
  get empty(): boolean {
    return Object.keys(this.details).length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw validationError(this.details);
  }
}
