import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { createApp } from '../../../src/app.js';
import { createDeps, type Deps } from '../../../src/deps.js';
import { loadSpec, RequestValidator } from '../../../src/http/validation.js';
import { listenOnLoopback } from '../../support/listen.js';

process.env.PACT_DO_NOT_TRACK = 'true';

// Parsed once per file; every app still gets its own deps and tenants.
const spec = loadSpec();
const validator = new RequestValidator(spec);

/** One fresh tenant per verification run: unknown `sk_test_` keys create one. */
export function freshTenantKey(): string {
  return `sk_test_contract_${randomBytes(12).toString('hex')}`;
}

export interface Running {
  url: string;
  deps: Deps;
  close(): Promise<void>;
}

export function simulatorDeps(): Deps {
  return createDeps({ spec, validator });
}

/**
 * Listens on a free port. `wrap` puts middleware in front of the simulator's own app: the
 * discrimination test builds its divergent implementations that way, as variants in the test,
 * never as switches in the product.
 */
export async function listen(deps: Deps, wrap?: (inner: RequestListener) => RequestListener): Promise<Running> {
  const inner = createApp(deps);
  const app = wrap ? wrap(inner) : inner;
  const listening = await listenOnLoopback(app);
  return {
    url: listening.url,
    deps,
    close: () => {
      deps.scheduler.stop();
      return listening.close();
    },
  };
}

export function startSimulator(wrap?: (inner: RequestListener) => RequestListener): Promise<Running> {
  return listen(simulatorDeps(), wrap);
}
