import type { Deps } from '../deps.js';
import { verifySignature } from '../delivery/sign.js';
import type { DeliveryAttempt, DeliverySource } from '../delivery/types.js';
import type { Tenant } from '../store/types.js';

/** A delivery attempt as `GET /_sim/deliveries` and `GET /_sim/stream` show it. */
export interface DeliveryView extends DeliveryAttempt {
  /**
   * Whether the recorded `x-webhook-signature` verifies against the secret in force now: false
   * after the secret changed (a rotated webhook secret), null when nothing was signed (a dropped
   * attempt) or the source has no secret any more (a deleted webhook). Computed here, on the
   * server, so no secret ever reaches a client of the control plane.
   */
  signature_verifies: boolean | null;
}

/** Builds the delivery log's view once per app: delivery sources are looked up by name. */
export function deliveryViewer(deps: Deps): (tenant: Tenant, attempt: DeliveryAttempt) => DeliveryView {
  const sources = new Map<string, DeliverySource>();
  for (const instance of deps.resources.values()) {
    for (const [name, source] of Object.entries(instance.deliverySources ?? {})) sources.set(name, source);
  }
  return (tenant, attempt) => ({ ...attempt, signature_verifies: signatureVerifies(sources.get(attempt.source), tenant, attempt) });
}

function signatureVerifies(source: DeliverySource | undefined, tenant: Tenant, attempt: DeliveryAttempt): boolean | null {
  if (!attempt.headers['x-webhook-signature']) return null;
  const secret = source?.currentSecret?.(tenant, attempt.ref) ?? null;
  if (secret === null) return null;
  // Every source sends `JSON.stringify` output and the log keeps it parsed: stringifying it
  // again gives back the exact bytes that were signed.
  return verifySignature(secret, attempt.headers, JSON.stringify(attempt.payload));
}
