/**
 * Deliberately divergent implementations of Sent's v3 API, for the discrimination test. Each is
 * the real simulator with a little middleware in front that changes one behaviour, the way a
 * plausible reimplementation might get it wrong. They live here, in the test, never as switches
 * in the product.
 */
import { PROFILES } from '../../../src/resources/profiles/collection.js';
import type { RequestListener } from 'node:http';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Deps } from '../../../src/deps.js';
import type { Tenant } from '../../../src/store/types.js';

export interface Variant {
  name: string;
  /** What Sent does that this variant does not. */
  divergence: string;
  build(deps: Deps, inner: RequestListener): RequestListener;
}

const PROFILE_ROUTE = /^\/v3\/profiles\/([0-9a-fA-F-]{36})$/;

function tenantOf(deps: Deps, req: Request): Tenant | undefined {
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? deps.tenants.resolve(key)?.tenant : undefined;
}

/** Rewrites JSON answers of the inner app: `(status, body)` in, a new status and body out (no body: empty). */
type Body = { success?: unknown; error?: { code?: unknown } & Record<string, unknown> } & Record<string, unknown>;

function rewriteJson(rewrite: (req: Request, status: number, body: Body) => { status: number; body?: unknown } | null): RequestHandler {
  return (req, res, next) => {
    // The simulator writes each answer with one `end(body)`: rewrite it there.
    const end = res.end.bind(res) as (chunk?: unknown) => Response;
    res.end = ((chunk?: unknown) => {
      if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return end(chunk);
      let body: Body;
      try {
        body = JSON.parse(chunk.toString()) as Body;
      } catch {
        return end(chunk);
      }
      const out = rewrite(req, res.statusCode, body);
      if (!out) return end(chunk);
      res.statusCode = out.status;
      if (out.body === undefined) {
        res.removeHeader('Content-Type');
        res.removeHeader('Content-Length');
        return end();
      }
      const text = JSON.stringify(out.body);
      res.setHeader('Content-Length', Buffer.byteLength(text));
      return end(text);
    }) as Response['end'];
    next();
  };
}

/** Deletes the record for real once the (soft) delete has answered 204. */
const hardDelete =
  (deps: Deps): RequestHandler =>
  (req, res, next) => {
    const id = req.method === 'DELETE' ? PROFILE_ROUTE.exec(req.path)?.[1] : undefined;
    if (id) res.on('finish', () => res.statusCode === 204 && ((t) => t && PROFILES.in(t).delete(id.toLowerCase()))(tenantOf(deps, req)));
    next();
  };

/** Like any implementation without the simulator's control plane. */
const noControlPlane: RequestHandler = (req, res, next) =>
  req.path.startsWith('/_sim') ? void res.status(404).json({ success: false, data: null }) : next();

export const VARIANTS: Variant[] = [
  {
    name: 'hard delete',
    divergence: 'DELETE removes the profile from the store instead of marking it deleted',
    build: (deps, inner) => express().use(hardDelete(deps)).use(inner),
  },
  {
    name: 'hard delete, idempotent DELETE, no control plane',
    divergence: 'a second DELETE answers 204 (the profile is simply gone) instead of 404 RESOURCE_014',
    build: (deps, inner) =>
      express()
        .use(noControlPlane)
        .use(hardDelete(deps))
        .use(rewriteJson((req, status) => (req.method === 'DELETE' && PROFILE_ROUTE.test(req.path) && status === 404 ? { status: 204 } : null)))
        .use(inner),
  },
  {
    name: 'no brand lock',
    divergence: 'a PATCH may change a brand that was submitted to TCR',
    build: (deps, inner) =>
      express()
        .use((req, res, next) => {
          const id = req.method === 'PATCH' ? PROFILE_ROUTE.exec(req.path)?.[1]?.toLowerCase() : undefined;
          const tenant = id ? tenantOf(deps, req) : undefined;
          const profile = id ? (tenant ? PROFILES.in(tenant).get(id) : undefined) : undefined;
          if (!tenant || !profile?.brand?.submitted_to_tcr) return next();
          // Forget the lock for this request, then put the TCR flag back on whatever was stored.
          PROFILES.in(tenant).set(profile.id, { ...profile, brand: { ...profile.brand, submitted_to_tcr: false } });
          res.on('finish', () => {
            const stored = PROFILES.in(tenant).get(profile.id);
            if (stored?.brand) PROFILES.in(tenant).set(profile.id, { ...stored, brand: { ...stored.brand, submitted_to_tcr: true } });
          });
          next();
        })
        .use(inner),
  },
  {
    name: 'completion answers 200',
    divergence: 'an accepted completion answers 200 instead of 202',
    build: (_deps, inner) =>
      express()
        .use(rewriteJson((req, status, body) => (req.path.endsWith('/complete') && status === 202 ? { status: 200, body } : null)))
        .use(inner),
  },
  {
    name: 'payment details with organization billing',
    divergence: 'payment details are accepted (and dropped) when the organization pays',
    build: (_deps, inner) =>
      express()
        .use(express.json())
        .use((req, _res, next) => {
          const body = req.body as Record<string, unknown> | undefined;
          if (req.method === 'POST' && req.path === '/v3/profiles' && body?.billing_model === 'organization') delete body.payment_details;
          next();
        })
        .use(inner),
  },
  {
    name: 'error envelope without meta',
    divergence: 'error responses carry success, data and error but no meta',
    build: (_deps, inner) =>
      express()
        .use(rewriteJson((_req, status, body) => (body.success === false ? { status, body: { ...body, meta: undefined } } : null)))
        .use(inner),
  },
  {
    name: 'generic not-found code',
    divergence: 'an unknown profile answers 404 RESOURCE_013 "Resource not found" instead of RESOURCE_014',
    build: (_deps, inner) =>
      express()
        .use(
          rewriteJson((_req, status, body) =>
            body.error?.code === 'RESOURCE_014'
              ? { status, body: { ...body, error: { ...body.error, code: 'RESOURCE_013', message: 'Resource not found' } } }
              : null,
          ),
        )
        .use(inner),
  },
];
