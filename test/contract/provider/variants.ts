/**
 * Deliberately divergent implementations of Sent's v3 API, for the discrimination test. Each is
 * the real simulator with a little middleware in front that changes one behaviour, the way a
 * plausible reimplementation might get it wrong. They live here, in the test, never as switches
 * in the product.
 */
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { PROFILES } from '../../../src/resources/profiles/collection.js';
import { TEMPLATES } from '../../../src/resources/templates/collection.js';
import { newSecret, WEBHOOKS } from '../../../src/resources/webhooks/collection.js';
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
const WEBHOOK_ROUTE = /^\/v3\/webhooks\/([0-9a-fA-F-]{36})$/;
const TEMPLATE_ROUTE = /^\/v3\/templates\/([0-9a-fA-F-]{36})$/;

/** The request as the variant first saw it: the inner app rewrites `req.url` while it routes. */
interface Seen {
  method: string;
  path: string;
  headers: Request['headers'];
}

function tenantOf(deps: Deps, req: Seen): Tenant | undefined {
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? deps.tenants.resolve(key)?.tenant : undefined;
}

/** Rewrites JSON answers of the inner app: `(status, body)` in, a new status and body out (no body: empty). */
type Body = { success?: unknown; error?: { code?: unknown } & Record<string, unknown> } & Record<string, unknown>;

function rewriteJson(rewrite: (req: Seen, status: number, body: Body) => { status: number; body?: unknown } | null): RequestHandler {
  return (incoming, res, next) => {
    const req: Seen = { method: incoming.method, path: incoming.path, headers: incoming.headers };
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
  {
    name: 'no message.delivered event',
    divergence: 'a delivered message reaches DELIVERED but its message.delivered event is never sent',
    build: (deps, inner) => {
      // Below the API: the events bus drops one event name (the status reads still say DELIVERED).
      const publish = deps.events.publish.bind(deps.events);
      deps.events.publish = (tenant, event) => (event.name === 'message.delivered' ? undefined : publish(tenant, event));
      return inner;
    },
  },
  {
    name: 'signs with the wrong key',
    divergence: 'deliveries are signed with a key other than the secret the create (or rotate) answer showed',
    build: (deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            const created = req.method === 'POST' && req.path === '/v3/webhooks' && status === 201;
            const rotated = req.method === 'POST' && /^\/v3\/webhooks\/[^/]+\/rotate-secret$/.test(req.path) && status === 200;
            const id = created ? (body.data as { id?: string } | undefined)?.id : rotated ? req.path.split('/')[3] : undefined;
            const tenant = id ? tenantOf(deps, req) : undefined;
            const stored = id && tenant ? WEBHOOKS.in(tenant).get(id.toLowerCase()) : undefined;
            // The answer keeps the secret it showed; the store gets another one, which signs from now on.
            if (tenant && stored) WEBHOOKS.in(tenant).set(stored.id, { ...stored, signing_secret: newSecret() });
            return null;
          }),
        )
        .use(inner),
  },
  {
    name: 'signing secret on every read',
    divergence: 'GET /v3/webhooks and GET /v3/webhooks/{id} show the signing secret instead of null',
    build: (deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            if (req.method !== 'GET' || status !== 200 || !/^\/v3\/webhooks(\/[0-9a-fA-F-]{36})?$/.test(req.path)) return null;
            const tenant = tenantOf(deps, req);
            const reveal = (w: Record<string, unknown>) => ({ ...w, signing_secret: (tenant && WEBHOOKS.in(tenant).get(String(w.id)))?.signing_secret ?? null });
            const data = body.data as { webhooks?: Array<Record<string, unknown>> } & Record<string, unknown>;
            return { status, body: { ...body, data: data.webhooks ? { ...data, webhooks: data.webhooks.map(reveal) } : reveal(data) } };
          }),
        )
        .use(inner),
  },
  {
    name: 'soft webhook delete',
    divergence: 'DELETE /v3/webhooks/{id} turns the webhook off and keeps it, readable, instead of deleting it',
    build: (deps, inner) =>
      express()
        .use((req, res, next) => {
          const id = req.method === 'DELETE' ? WEBHOOK_ROUTE.exec(req.path)?.[1]?.toLowerCase() : undefined;
          const tenant = id ? tenantOf(deps, req) : undefined;
          const stored = id && tenant ? WEBHOOKS.in(tenant).get(id) : undefined;
          if (!tenant || !stored) return next();
          WEBHOOKS.in(tenant).set(stored.id, { ...stored, is_active: false });
          // Answered as the real DELETE is, headers included: only what happens afterwards differs.
          const rate = { 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '199', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 60) };
          res.status(204).set({ 'X-Request-Id': `req_${randomBytes(5).toString('hex')}`, 'X-API-Version': 'v3', ...rate }).end();
        })
        .use(inner),
  },
  {
    name: 'send answers 200',
    divergence: 'an accepted send answers 200 instead of 202',
    build: (_deps, inner) =>
      express()
        .use(rewriteJson((req, status, body) => (req.method === 'POST' && req.path === '/v3/messages' && status === 202 ? { status: 200, body } : null)))
        .use(inner),
  },
  {
    name: 'any template body strategy',
    divergence: 'an sms body alone, or multiChannel beside sms or whatsapp, is taken (as 0.32-era Sent did) instead of refused',
    build: (_deps, inner) =>
      express()
        .use(express.json())
        .use((req, _res, next) => {
          // Quietly "repairs" the body so the rules downstream never see the breach.
          const definition = (req.body as { definition?: { body?: Record<string, unknown> } } | undefined)?.definition;
          const body = definition?.body;
          if ((req.method === 'POST' || req.method === 'PUT') && req.path.startsWith('/v3/templates') && body && typeof body === 'object') {
            if (body.multiChannel) {
              delete body.sms;
              delete body.whatsapp;
            } else if (body.sms && !body.whatsapp) body.whatsapp = body.sms;
            else if (body.whatsapp && !body.sms) body.sms = body.whatsapp;
          }
          next();
        })
        .use(inner),
  },
  {
    name: 'templates under review editable',
    divergence: 'a PUT on a template under review withdraws the review (DRAFT) and goes through, instead of 409 CONFLICT_006',
    build: (deps, inner) =>
      express()
        .use((req, _res, next) => {
          const id = req.method === 'PUT' ? TEMPLATE_ROUTE.exec(req.path)?.[1]?.toLowerCase() : undefined;
          const tenant = id ? tenantOf(deps, req) : undefined;
          const stored = id && tenant ? TEMPLATES.in(tenant).get(id) : undefined;
          if (tenant && stored && Object.values(stored.legs ?? {}).some((leg) => leg.status === 'PENDING')) {
            TEMPLATES.in(tenant).set(stored.id, { ...stored, status: 'DRAFT', legs: null, is_published: false, review: null });
          }
          next();
        })
        .use(inner),
  },
  // Sent as of 2026-11 (issue 22): what a simulator written for SDK 0.32.0 still does.
  {
    name: 'page params required',
    divergence: 'a list without page and page_size answers 400 VALIDATION_005, as 0.32-era lists did, instead of page 1 of 50',
    build: (_deps, inner) =>
      express()
        .use((req, res, next) => {
          const listed = req.method === 'GET' && /^\/v3\/(contacts|templates|webhooks)$/.test(req.path);
          if (!listed || req.query.page !== undefined) return next();
          const message = 'Page must be greater than 0';
          res
            .status(400)
            .set({ 'X-Request-Id': `req_${randomBytes(5).toString('hex')}`, 'X-API-Version': 'v3' })
            .json({ success: false, data: null, error: { code: 'VALIDATION_005', message, details: { page: [message] }, doc_url: 'https://docs.sent.dm/reference/api/error-catalog' }, meta: null });
        })
        .use(inner),
  },
  {
    name: 'profiles see the organization contacts',
    divergence: 'a profile still reads its organization’s contacts (0.32-era inheritance) instead of only its own',
    build: (_deps, inner) =>
      express()
        .use((req, _res, next) => {
          // Answered as the organization, which reads every account's contacts.
          if (req.method === 'GET' && req.path.startsWith('/v3/contacts')) delete req.headers['x-profile-id'];
          next();
        })
        .use(inner),
  },
  {
    name: 'rate-limit headers on 429 only',
    divergence: 'X-RateLimit-* come only with a 429 (the older OpenAPI statement) instead of on every response',
    build: (_deps, inner) =>
      express()
        .use((_req, res, next) => {
          const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
          res.writeHead = ((...args: unknown[]) => {
            if (res.statusCode !== 429) for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) res.removeHeader(name);
            return writeHead(...args);
          }) as Response['writeHead'];
          next();
        })
        .use(inner),
  },
  {
    name: 'profiles inherit the organization WABA',
    divergence: 'a profile created without a WhatsApp account shows the organization’s waba_id (0.32-era inheritance) instead of none',
    build: (deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            if (req.method !== 'POST' || req.path !== '/v3/profiles' || status !== 201) return null;
            const data = body.data as { waba_id?: unknown } | undefined;
            const waba = tenantOf(deps, req)?.organization.waba;
            return data?.waba_id === null && waba ? { status, body: { ...body, data: { ...data, waba_id: waba.waba_id } } } : null;
          }),
        )
        .use(inner),
  },
  {
    name: 'submitted completion pending review',
    divergence: 'a completion that submitted the brand to TCR leaves the profile pending_review (the withdrawn 48 h stage) instead of approved',
    build: (_deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            const data = body.data as { status?: unknown; brand?: { submitted_to_tcr?: unknown; status?: unknown } | null } | undefined;
            if (req.method !== 'GET' || !PROFILE_ROUTE.test(req.path) || status !== 200) return null;
            if (data?.status !== 'approved' || data.brand?.submitted_to_tcr !== true || data.brand.status === 'ACTIVE') return null;
            return { status, body: { ...body, data: { ...data, status: 'pending_review' } } };
          }),
        )
        .use(inner),
  },
  {
    name: 'cancel refusal as 400',
    divergence: 'a cancel of a message that is not scheduled answers BUSINESS_006 with the catalog’s 400 instead of 409',
    build: (_deps, inner) =>
      express()
        .use(rewriteJson((req, status, body) => (req.method === 'POST' && /^\/v3\/messages\/[^/]+\/cancel$/.test(req.path) && status === 409 && body.error?.code === 'BUSINESS_006' ? { status: 400, body } : null)))
        .use(inner),
  },
  {
    name: 'families only',
    divergence: 'webhooks subscribe to the 0.32-era families only (message, templates): sub-types and the contact family are refused, and event-types lists those two',
    build: (_deps, inner) =>
      express()
        .use(express.json())
        .use((req, _res, next) => {
          // Names the inner app does not know, so it refuses them with its own VALIDATION_006 answer.
          const old = (t: unknown) => t === 'message' || t === 'templates' || (typeof t === 'string' && req.path.endsWith('/test') && t.startsWith('message.'));
          const body = req.body as { event_types?: unknown[]; event_type?: unknown } | undefined;
          if (req.path.startsWith('/v3/webhooks') && (req.method === 'POST' || req.method === 'PUT') && body) {
            if (Array.isArray(body.event_types)) body.event_types = body.event_types.map((t) => (old(t) ? t : `unsupported_${String(t)}`));
            if (typeof body.event_type === 'string' && !old(body.event_type) && body.event_type !== '') body.event_type = `unsupported_${body.event_type}`;
          }
          next();
        })
        .use(
          rewriteJson((req, status, body) => {
            if (req.method !== 'GET' || req.path !== '/v3/webhooks/event-types' || status !== 200) return null;
            const data = body.data as { event_types: Array<{ name: string }> };
            return { status, body: { ...body, data: { ...data, event_types: data.event_types.filter((t) => t.name === 'message' || t.name === 'templates') } } };
          }),
        )
        .use(inner),
  },
  {
    name: 'no X-Webhook-Event-ID',
    divergence: 'deliveries carry no X-Webhook-Event-ID header, so a receiver has nothing to deduplicate on',
    build: (deps, inner) => {
      // Below the API: every delivery (retries included) goes out without the event's id.
      const send = deps.delivery.send.bind(deps.delivery);
      deps.delivery.send = (tenant, out, at) => send(tenant, { ...out, event_id: undefined }, at);
      return inner;
    },
  },
  {
    name: 'request_id always null',
    divergence: 'event envelopes carry request_id: null, even for events a send started',
    build: (deps, inner) => {
      const publish = deps.events.publish.bind(deps.events);
      deps.events.publish = (tenant, event) => publish(tenant, { ...event, request_id: null });
      return inner;
    },
  },
  {
    name: 'contacts oldest first',
    divergence: 'GET /v3/contacts lists the oldest contact first',
    build: (_deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            const data = body.data as { contacts?: unknown[] } | null | undefined;
            if (req.method !== 'GET' || req.path !== '/v3/contacts' || status !== 200 || !data?.contacts) return null;
            return { status, body: { ...body, data: { ...data, contacts: [...data.contacts].reverse() } } };
          }),
        )
        .use(inner),
  },
  {
    name: 'sender profile without its key',
    divergence: 'POST /v3/sender-profiles answers the profile without api_key (the key a partner must keep, shown once)',
    build: (_deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            const data = body.data as Record<string, unknown> | null | undefined;
            if (req.method !== 'POST' || req.path !== '/v3/sender-profiles' || status !== 201 || !data) return null;
            const { api_key: _key, ...rest } = data;
            return { status, body: { ...body, data: rest } };
          }),
        )
        .use(inner),
  },
  {
    name: 'messages need no sender',
    divergence: 'POST /v3/messages queues a recipient in a country the account holds no SMS market for, instead of 400 VALIDATION_002',
    build: (_deps, inner) =>
      express()
        .use(
          rewriteJson((req, status, body) => {
            if (req.method !== 'POST' || req.path !== '/v3/messages' || status !== 400 || !JSON.stringify(body.error?.details ?? {}).includes('No sender in')) return null;
            return { status: 202, body: { ...body, success: true, error: null, data: { status: 'QUEUED', template_id: null, template_name: null, recipients: [] } } };
          }),
        )
        .use(inner),
  },
];
