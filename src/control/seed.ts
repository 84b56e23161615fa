import type { Request } from 'express';
import { JobQueue } from '../clock/job-queue.js';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { DetailCollector, SimError, type ErrorDetails } from '../errors/sim-error.js';
import type { operations } from '../generated/sent-v3.js';
import { validationProblems, type OpContext, type OperationDef } from '../http/operation.js';
import { created } from '../http/result.js';
import type { Tenant } from '../store/types.js';
import type { ControlRequest, ControlRoute } from './handler.js';
import { patchTenantSchema, type TenantPatchRequest } from './schemas.js';
import { tenantPatcher } from './tenant-routes.js';

type BodyOf<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type CreatedOf<Op extends keyof operations> = operations[Op] extends { responses: { 201: { content: { 'application/json': { data?: infer D } } } } } ? NonNullable<D> : never;

/** What `POST /_sim/seed` takes (docs/decisions/0082): every part optional. */
export interface SeedRequest {
  /** What `PATCH /_sim/tenant` takes: the organization's WABA, brand and sample campaigns, and settings. */
  tenant?: TenantPatchRequest;
  /** `POST /v3/profiles` bodies. */
  profiles?: Array<BodyOf<'createProfile'>>;
  /** `POST /v3/contacts` bodies, the organization's. */
  contacts?: Array<BodyOf<'createContact'>>;
  /** `POST /v3/templates` bodies, the organization's (submitted for review as a create submits them). */
  templates?: Array<BodyOf<'createTemplate'>>;
  /** `POST /v3/webhooks` bodies, the organization's; each answer shows its signing secret, as the create's does. */
  webhooks?: Array<BodyOf<'createWebhook'>>;
}

/** What `POST /_sim/seed` answers: the organization's fields as `GET /_sim/tenant` shows them, then what each create answered, in order. */
export interface SeedResult {
  organization: Record<string, unknown>;
  profiles: Array<CreatedOf<'createProfile'>>;
  contacts: Array<CreatedOf<'createContact'>>;
  templates: Array<CreatedOf<'createTemplate'>>;
  webhooks: Array<CreatedOf<'createWebhook'>>;
}

/** The records a seed makes, in the order it makes them, each through its API operation. */
const KINDS = [
  { key: 'profiles', operationId: 'createProfile' },
  { key: 'contacts', operationId: 'createContact' },
  { key: 'templates', operationId: 'createTemplate' },
  { key: 'webhooks', operationId: 'createWebhook' },
] as const;

/** Items of one kind a seed takes (the caps still apply to what the tenant holds). */
export const SEED_MAX_ITEMS = 1000;

/**
 * Operations read the request through their context, never through `req`; a seed runs them
 * without an HTTP request, so theirs is this inert stand-in.
 */
const NO_REQUEST = Object.freeze({ method: 'POST', headers: {}, params: {}, query: {} }) as unknown as Request;

/**
 * `POST /_sim/seed` (docs/decisions/0082): a tenant's starting state in one call — the
 * organization's part of `PATCH /_sim/tenant`, then profiles, contacts, templates and webhooks,
 * each made by its API operation (the spec's schema, the operation's rules, its service), as the
 * organization. Every item is checked before anything changes; a create refused after that (a
 * cap, a duplicate) puts the tenant's records, organization, settings and jobs back as they were.
 */
export function seedRoutes(deps: Deps): ControlRoute[] {
  const patch = tenantPatcher(deps);
  const defs = new Map<string, OperationDef>();
  for (const instance of deps.resources.values()) for (const [id, def] of Object.entries(instance.operations ?? {})) defs.set(id, def);
  const kinds = KINDS.filter((k) => defs.has(k.operationId));
  const body = {
    type: 'object',
    additionalProperties: false,
    properties: {
      tenant: patchTenantSchema(deps),
      ...Object.fromEntries(kinds.map((k) => [k.key, { type: 'array', maxItems: SEED_MAX_ITEMS, items: { type: 'object' } }])),
    },
  };

  return [
    {
      method: 'post',
      path: '/seed',
      body,
      handle: async (c) => {
        const scenario = deps.scenarios.inForce(c.scenario, c.tenant);
        const requestId = `req_${deps.random.string(10)}`;
        const context = (item: unknown): OpContext => ({
          req: NO_REQUEST, tenant: c.tenant, apiKey: c.apiKey, params: {}, query: {}, body: item, sandbox: false, scopedProfileId: undefined, scenario, requestId,
        });
        const plan = kinds.map((k) => ({ ...k, def: defs.get(k.operationId)!, items: (c.body[k.key] as unknown[] | undefined) ?? [] }));

        // Everything is checked first: one 400 names every failing field of every item.
        const problems = new DetailCollector();
        let change = () => {};
        located(problems, 'tenant', () => {
          if (c.body.tenant) change = patch(c.tenant, c.body.tenant as Record<string, unknown>);
        });
        for (const { key, operationId, def, items } of plan) {
          items.forEach((item, i) => {
            if ((item as { sandbox?: unknown }).sandbox === true) problems.add(`${key}[${i}].sandbox`, MESSAGES.seedSandbox);
            located(problems, `${key}[${i}]`, () => {
              const schema = deps.validator.validate(operationId, item);
              validationProblems(schema, def.check?.(context(item), schema));
            });
          });
        }
        problems.throwIfAny();

        const restore = backup(deps, c.tenant);
        try {
          change();
          const made: Record<string, unknown[]> = {};
          for (const { key, def, items } of plan) {
            made[key] = [];
            for (const [i, item] of items.entries()) made[key].push((await refusalAt(`${key}[${i}]`, () => def.handle(context(item)))).data);
          }
          return created({ organization: organizationView(deps, c), profiles: [], contacts: [], templates: [], webhooks: [], ...made });
        } catch (err) {
          restore();
          throw err;
        }
      },
    },
  ];
}

function organizationView(deps: Deps, c: ControlRequest): Record<string, unknown> {
  return Object.assign({}, ...deps.modules.map((m) => m.organization?.view(c.tenant) ?? {})) as Record<string, unknown>;
}

/** Runs a check; a `SimError` it throws joins `problems`, its fields under `where`. */
function located(problems: DetailCollector, where: string, check: () => void): void {
  try {
    check();
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    problems.merge(under(where, err.details ?? { '': [err.message] }));
  }
}

/** Runs a create; its refusal is thrown again as the same error, its fields under `where`. */
async function refusalAt<T>(where: string, create: () => T | Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    throw new SimError(err.code, { status: err.status, message: err.message, headers: err.headers, details: under(where, err.details ?? { '': [err.message] }) });
  }
}

function under(where: string, details: ErrorDetails): ErrorDetails {
  const path = (field: string) => (field === '' || field === 'body' ? where : field.startsWith('[') ? `${where}${field}` : `${where}.${field}`);
  return Object.fromEntries(Object.entries(details).map(([field, messages]) => [path(field), messages]));
}

/**
 * What a seed's creates can change, kept to put back if one is refused: each collection's
 * records (copied by reference: creates store new records, they do not change existing ones in
 * place), the organization's fields, the settings and the pending jobs. Events already published
 * stay published.
 */
function backup(deps: Deps, tenant: Tenant): () => void {
  const store = deps.collections.map((c) => {
    const copy = c.create();
    for (const [id, record] of c.in(tenant)) copy.set(id, record);
    return [c.name, copy] as const;
  });
  const organization = { ...tenant.organization };
  const settings = { ...tenant.settings };
  const jobs = tenant.jobs.list();
  return () => {
    for (const [name, records] of store) tenant.store.set(name, records);
    tenant.organization = organization;
    tenant.settings = settings;
    const queue = new JobQueue();
    for (const job of jobs) queue.push(job);
    deps.scheduler.clear(tenant);
    deps.scheduler.replace(tenant, queue);
  };
}
