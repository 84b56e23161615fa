/**
 * The fuzzer's commands: one per spec operation (bodies generated from the spec's request
 * schemas — with realistic values for the messaging surface, fuzz-bodies.ts — valid or broken
 * on purpose; path ids and queries from fuzz-targets.ts), plus "create a profile ready for
 * completion" and "advance the clock". Each command sends one request, checks the response
 * against the spec and the model (no unasked 5xx, no success for a deleted record, a webhook's
 * secret only in the create and rotate answers), updates the model, then runs the invariants of
 * fuzz-invariants.ts.
 */
import fc from 'fast-check';
import request from 'supertest';
import type { Deps } from '../../src/deps.js';
import { specOperations, type SpecDocument } from '../../src/http/validation.js';
import { controlCommands } from './fuzz-control.js';
import { messagingComponents, resolvePlaceholders, templateProperties } from './fuzz-bodies.js';
import { checkInvariants, InvariantError, type FuzzModel, type FuzzReal, type GonePool, type KeyChoice } from './fuzz-invariants.js';
import { marketArb, phoneArb, poolOf, queryArb, resolveIn, targetArb, type Pool, type Target } from './fuzz-targets.js';
import { invalidBody } from './mutations.js';
import { SchemaArbitraries, type Schema } from './schema-arbitrary.js';

/** Where one request goes: its path ids (from the model's pools, or made up) and its query. */
interface Where {
  profile: Target | null;
  campaign: Target | null;
  /** The `{id}` / `{userId}` of the messaging surface. */
  resource: Target | null;
  phone: string | null;
  /** The `{channel}`, `{country}` and `{type}` of a channels path. */
  market?: { channel: string; country: string; type: string } | null;
  query: Record<string, string> | null;
}
interface Options {
  key: KeyChoice;
  idempotencyKey: string | null;
  scenario: string | null;
  profileHeader: Target | null;
}
const NO_BODY = Symbol('no body');
type Body = unknown;

/** Luhn check digit, so the fuzzer also sends cards the simulator accepts (and must then forget). */
function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${partial}${(10 - (sum % 10)) % 10}`;
}

const cardArb = (arbs: SchemaArbitraries) =>
  fc.oneof(
    arbs.valid({ $ref: '#/components/schemas/PaymentDetails' }),
    fc.record({
      card_number: fc.oneof(
        fc.stringMatching(/^4[0-9]{14}$/).map(luhnComplete),
        fc.constant('4000000000000002'), // the processor's decline (docs/decisions/0003)
      ),
      expiry: fc.oneof(fc.stringMatching(/^(0[1-9]|1[0-2])\/(3[0-9]|4[0-9])$/), fc.constant('01/20')),
      cvc: fc.stringMatching(/^[0-9]{3,4}$/),
      zip_code: fc.stringMatching(/^[0-9]{5}$/),
    }),
  );

const optionsArb = (scenarios: string[]): fc.Arbitrary<Options> =>
  fc.record({
    key: fc.oneof(
      { weight: 20, arbitrary: fc.constant<KeyChoice>('owner') },
      { weight: 1, arbitrary: fc.constantFrom<KeyChoice>('admin', 'developer', 'billing', 'profile', 'unknown', 'none') },
    ),
    idempotencyKey: fc.oneof(
      { weight: 12, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }).map((n) => `fuzz-key-${n}`) },
      { weight: 1, arbitrary: fc.constantFrom('', 'has space', 'x'.repeat(256)) },
    ),
    scenario: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...scenarios) }),
    profileHeader: fc.oneof({ weight: 20, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: targetArb() }),
  });

/** A known campaign (with its own profile), else an id no campaign has. */
function resolveCampaign(target: Target, model: FuzzModel): { id: string; profileId?: string } {
  if (target.kind === 'unknown' || target.kind === 'bad') return { id: target.id };
  const known = model.campaigns[target.n % Math.max(1, model.campaigns.length)];
  return known ?? { id: '00000000-0000-4000-8000-000000000000' };
}

/** Percent-encodes an id for the path, dots included, so that `..` stays an id. */
const pathId = (id: string) => encodeURIComponent(id).replace(/\./g, '%2E');

/** What each 2xx of the messaging surface adds to the model (its id) or takes away (a 204 delete). */
const CREATES: Partial<Record<string, Pool>> = { createTemplate: 'templates', createContact: 'contacts', createWebhook: 'webhooks', inviteUser: 'users' };
const DELETES: Partial<Record<string, GonePool>> = { deleteTemplate: 'templates', deleteContact: 'contacts', deleteWebhook: 'webhooks', removeUser: 'users' };

/**
 * The signing secret is in the create and rotate answers only (docs/decisions/0015): every
 * other webhook answer shows `null`.
 */
function secretProblem(operationId: string, data: unknown): string | null {
  const secretOf = (w: unknown) => (w as { signing_secret?: unknown } | null)?.signing_secret;
  if (operationId === 'createWebhook' || operationId === 'rotateWebhookSecret') {
    const secret = secretOf(data);
    return typeof secret === 'string' && /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret) ? null : `${operationId} answered signing_secret ${JSON.stringify(secret)}`;
  }
  if (['retrieveWebhook', 'updateWebhook', 'toggleWebhookStatus'].includes(operationId) && secretOf(data) !== null) return `${operationId} showed the signing secret`;
  if (operationId === 'listWebhooks' && ((data as { webhooks?: unknown[] } | null)?.webhooks ?? []).some((w) => secretOf(w) !== null)) return 'listWebhooks showed a signing secret';
  return null;
}

export class ApiCall implements fc.AsyncCommand<FuzzModel, FuzzReal> {
  constructor(
    readonly operationId: string,
    readonly where: Where,
    readonly body: Body,
    readonly options: Options,
    readonly label = operationId,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    const { ctx } = real;
    const { path, method } = ctx.checker.operations.get(this.operationId)!;
    const { profile, campaign: campaignTarget, resource, phone, query } = this.where;
    let profileId = profile ? resolveIn('profiles', profile, model) : null;
    let campaignId: string | null = null;
    if (campaignTarget) {
      const campaign = resolveCampaign(campaignTarget, model);
      campaignId = campaign.id;
      profileId = campaign.profileId ?? profileId;
    }
    const pool = poolOf(path);
    const resourceId = pool && resource ? resolveIn(pool, resource, model) : null;
    let url = path
      .replace('{profileId}', pathId(profileId ?? ''))
      .replace('{campaignId}', pathId(campaignId ?? ''))
      .replace(/\{(?:id|userId)\}/, pathId(resourceId ?? ''))
      // As the SDK sends it: a literal `+` (never read as a space in a path).
      .replace('{phoneNumber}', phone ?? '')
      .replace('{channel}', this.where.market?.channel ?? 'sms')
      .replace('{country}', this.where.market?.country ?? 'US')
      .replace('{type}', this.where.market?.type ?? 'TEN_DLC');
    if (query) url += `?${new URLSearchParams(query).toString()}`;
    const body = this.body === NO_BODY ? NO_BODY : resolvePlaceholders(this.body, model);
    let req = request(ctx.server)[method as 'get'](url);
    const headers: Record<string, string> = {};
    const key = real.keys[this.options.key];
    if (key !== null) headers['x-api-key'] = key;
    if (this.options.idempotencyKey !== null) headers['idempotency-key'] = this.options.idempotencyKey;
    if (this.options.scenario !== null) headers['x-sim-scenario'] = this.options.scenario;
    const scoped = this.options.profileHeader ? resolveIn('profiles', this.options.profileHeader, model) : null;
    if (scoped !== null) headers['x-profile-id'] = scoped.replace(/[^\t\x20-\x7e]/g, '?');
    req = req.set(headers);
    if (body !== NO_BODY) {
      real.cardData.record(body, Object.values(headers));
      req = req.set('content-type', 'application/json').send(JSON.stringify(body));
    }
    const res = await req;
    ctx.stats.fuzzed++;
    ctx.stats.byStatus[`${this.operationId} ${res.status}`] = (ctx.stats.byStatus[`${this.operationId} ${res.status}`] ?? 0) + 1;

    const fail = (why: string) => {
      throw new InvariantError(`${method.toUpperCase()} ${url} → ${res.status} ${res.text.slice(0, 400)}\n${why}`);
    };
    const sandbox = res.headers['x-sandbox'] === 'true';
    const replayed = res.headers['idempotent-replayed'] === 'true';
    const idempotencyKey = this.options.idempotencyKey;
    // Keys are scoped per tenant and operation (docs/decisions/0007): a replay repeats the first
    // response of this same operation, so it is checked against this operation.
    const problems = ctx.checker.responseProblems(this.operationId, res);
    if (replayed && idempotencyKey !== null && model.idempotency.get(`${this.operationId} ${idempotencyKey}`) === undefined) {
      fail(`replayed a response for ${idempotencyKey} that this operation never answered under it`);
    }
    if (problems.length > 0) fail(problems.join('; '));
    const code = (res.body as { error?: { code?: string } | null }).error?.code;
    // 501 is an answer some operations declare (channels and requirements Sent has not declared, sent-api-v3-2026-11 §2.7).
    if (res.status >= 500 && res.status !== 501 && !(this.options.scenario && ctx.scenarioFailures.get(this.options.scenario)?.has(code ?? ''))) {
      fail('a 5xx that no scenario asked for');
    }
    const ok = res.status >= 200 && res.status < 300;
    // Honoured on POST, PUT and PATCH only (docs/decisions/0007).
    if (ok && !replayed && idempotencyKey !== null && ['post', 'put', 'patch'].includes(method)) model.idempotency.set(`${this.operationId} ${idempotencyKey}`, this.operationId);
    // The pipeline checks key, x-profile-id, path ids and role before the body: when all of those
    // pass and no idempotency key can replay, a body the spec refuses must be a 400.
    const cleanPath = [profile, campaignTarget, resource].every((t) => t === null || t.kind !== 'bad');
    const scopedOk = scoped === null || (model.profiles.includes(scoped) && !model.deleted.has(scoped));
    if (
      body !== NO_BODY &&
      (this.options.key === 'owner' || this.options.key === 'admin') &&
      cleanPath &&
      scopedOk &&
      this.options.idempotencyKey === null &&
      !ctx.checker.requestValid(this.operationId, body) &&
      !(res.status === 400 && /^VALIDATION_00[16]$/.test(code ?? ''))
    ) {
      fail('the spec refuses this body, the simulator did not');
    }
    if (ok && !sandbox && !replayed && profileId !== null && model.deleted.has(profileId)) fail('a deleted profile answered a success');
    if (ok && !sandbox && !replayed && pool === 'profiles' && resourceId !== null && model.deleted.has(resourceId)) fail('a deleted sender profile answered a success');
    if (ok && !sandbox && !replayed && pool && pool !== 'messages' && pool !== 'profiles' && resourceId !== null && model.gone[pool].has(resourceId)) {
      fail(`a deleted ${pool.slice(0, -1)} answered a success`);
    }
    const secret = ok ? secretProblem(this.operationId, (res.body as { data?: unknown }).data) : null;
    if (secret) fail(secret);
    const sendsBrand = this.operationId === 'updateProfile' && (this.body as { brand?: unknown } | null)?.brand != null;
    if (sendsBrand && profileId !== null && real.lockedBrands.has(profileId)) {
      ctx.stats.lockedBrandPatches++;
      if (ok && !sandbox && !replayed) fail('a PATCH changed a brand submitted to TCR');
    }

    const data = (res.body as { data?: { id?: string } | null }).data;
    // A replay ran nothing (and may even be another operation's answer): the model stays as it is.
    if (ok && !sandbox && !replayed) {
      if (this.operationId === 'createProfile' && data?.id && !model.profiles.includes(data.id)) {
        model.profiles.push(data.id);
        if (this.label === 'createReadyProfile') model.ready.push(data.id);
      }
      if (this.operationId === 'deleteProfile' && profileId !== null && model.profiles.includes(profileId)) model.deleted.add(profileId);
      // A sender profile is a profile (docs/decisions/0072): its create and delete change the same pool.
      if (this.operationId === 'createSenderProfile' && data?.id && !model.profiles.includes(data.id)) model.profiles.push(data.id);
      if (this.operationId === 'deleteSenderProfile' && resourceId !== null && model.profiles.includes(resourceId)) model.deleted.add(resourceId);
      if (this.operationId === 'createCampaign' && data?.id && profileId !== null) model.campaigns.push({ profileId, id: data.id });
      if (this.operationId === 'deleteCampaign') model.campaigns = model.campaigns.filter((c) => c.id !== campaignId);
      const creates = CREATES[this.operationId];
      if (creates && data?.id && !model[creates].includes(data.id)) model[creates].push(data.id);
      const deletes = DELETES[this.operationId];
      if (deletes && resourceId !== null && model[deletes].includes(resourceId)) model.gone[deletes].add(resourceId);
      if (this.operationId === 'sendMessage') {
        for (const r of (data as { recipients?: Array<{ message_id?: string }> } | null)?.recipients ?? []) if (r.message_id) model.messages.push(r.message_id);
      }
    }
    await checkInvariants(model, real);
  }

  toString(): string {
    const body = this.body === NO_BODY ? '' : ` ${JSON.stringify(this.body)?.slice(0, 300)}`;
    return `${this.label}(${JSON.stringify({ ...this.where, ...this.options })})${body}`;
  }
}

export class AdvanceClock implements fc.AsyncCommand<FuzzModel, FuzzReal> {
  constructor(readonly seconds: number) {}

  check(): boolean {
    return true;
  }

  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    const res = await request(real.ctx.server).post('/_sim/clock/advance').set('x-api-key', real.keys.owner!).send({ seconds: this.seconds });
    real.ctx.stats.fuzzed++;
    if (res.status !== 200 || !Array.isArray(res.body.fired)) throw new InvariantError(`clock/advance → ${res.status} ${res.text.slice(0, 300)}`);
    await checkInvariants(model, real);
  }

  toString(): string {
    return `advance(${this.seconds})`;
  }
}

/**
 * Every command arbitrary, built from the spec. Completion callbacks go to `receiverUrl` only.
 * With `control`, the control plane's commands join in (fuzz-control.ts, issue 15).
 */
export function fuzzCommands(
  spec: SpecDocument,
  scenarios: string[],
  receiverUrl: string,
  served: ReadonlySet<string>,
  control?: Deps,
): Array<fc.Arbitrary<fc.AsyncCommand<FuzzModel, FuzzReal>>> {
  const properties = {
    // Never a real host: the fuzzer must not reach the network. Port 9 (discard) refuses.
    webHookUrl: fc.constantFrom(receiverUrl, `${receiverUrl}?fuzz=1`, 'http://127.0.0.1:9/refused'),
    sandbox: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    ...templateProperties,
  };
  const components = { PaymentDetails: cardArb(new SchemaArbitraries(spec, { properties })), ...messagingComponents(receiverUrl) };
  const arbs = new SchemaArbitraries(spec, { properties, components });
  const options = optionsArb(scenarios);
  const commands: Array<fc.Arbitrary<fc.AsyncCommand<FuzzModel, FuzzReal>>> = [];
  const weights: Record<string, number> = {
    createProfile: 4,
    updateProfile: 4,
    completeProfile: 3,
    createCampaign: 3,
    retrieveProfile: 2,
    deleteProfile: 1,
    // The messaging surface's creates fill the pools the other operations aim at.
    sendMessage: 3,
    createTemplate: 2,
    createContact: 2,
    createWebhook: 2,
  };
  for (const { operationId, path, method, requestSchema: schema } of specOperationsWithBodies(spec).filter((o) => served.has(o.operationId))) {
    const valid = schema ? arbs.valid(schema) : fc.constant(NO_BODY);
    let body: fc.Arbitrary<Body> = schema ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: invalidBody(arbs, schema, valid) }) : valid;
    // DELETE may come with no body at all (docs/decisions/0001).
    if (schema && method === 'delete') body = fc.oneof(fc.constant(NO_BODY), body);
    // Completes and PATCHes aim at ready profiles more often: that is how brands get locked and tested.
    const where = fc.record({
      profile: path.includes('{profileId}') ? targetArb(operationId === 'updateProfile' || operationId === 'completeProfile' ? 4 : 1) : fc.constant(null),
      campaign: path.includes('{campaignId}') ? targetArb(0) : fc.constant(null),
      resource: poolOf(path) ? targetArb(0) : fc.constant(null),
      phone: path.includes('{phoneNumber}') ? phoneArb : fc.constant(null),
      market: path.includes('{country}') ? marketArb : fc.constant(null),
      query: queryArb(operationId, paginated(spec, path, method)),
    });
    const cmd = fc.tuple(where, body, options).map(([w, b, o]) => new ApiCall(operationId, w, b, o));
    for (let i = 0; i < (weights[operationId] ?? 1); i++) commands.push(cmd);
  }
  const nowhere: Where = { profile: null, campaign: null, resource: null, phone: null, query: null };
  const ready = fc.tuple(readyProfile(arbs), options).map(([b, o]) => new ApiCall('createProfile', nowhere, b, { ...o, key: 'owner', idempotencyKey: null }, 'createReadyProfile'));
  commands.push(
    ready,
    ready,
    fc.constantFrom(0, 1, 2, 61, 3600, 48 * 3600 + 1).map((s) => new AdvanceClock(s)),
    fc.constantFrom(2, 120).map((s) => new AdvanceClock(s)),
  );
  if (control) commands.push(...controlCommands(control, scenarios));
  return commands;
}

/** Does the operation take the required `page`/`page_size` query (a paginated list)? */
function paginated(spec: SpecDocument, path: string, method: string): boolean {
  const params = ((spec.paths[path]![method] as { parameters?: Array<{ $ref?: string; name?: string }> }).parameters ?? []);
  return params.some((p) => p.$ref === '#/components/parameters/PageQuery' || p.name === 'page');
}

function specOperationsWithBodies(spec: SpecDocument): Array<{ operationId: string; path: string; method: string; requestSchema: Schema | null }> {
  return specOperations(spec).map((op) => {
    const item = spec.paths[op.path]![op.method] as { requestBody?: { content: Record<string, { schema: Schema }> } };
    return { ...op, requestSchema: item.requestBody?.content['application/json']?.schema ?? null };
  });
}

/** A valid create whose completion submits its own TCR brand (and so locks it). */
function readyProfile(arbs: SchemaArbitraries): fc.Arbitrary<Body> {
  const nonBlank = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
  return fc.record(
    {
      name: nonBlank,
      short_name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{2,10}$/),
      description: nonBlank,
      brand: arbs
        .valid({ $ref: '#/components/schemas/BrandData' })
        .map((b) => ({ ...(b as Record<string, unknown>), compliance: { ...((b as { compliance: object }).compliance), isTcrApplication: true } })),
      payment_details: arbs.valid({ $ref: '#/components/schemas/PaymentDetails' }),
      // The organization's campaigns are its TCR campaigns (inheritance defaults to false since 2026-11).
      inherit_tcr_campaign: fc.constant(true),
    },
    { requiredKeys: ['name', 'short_name', 'description', 'brand', 'inherit_tcr_campaign'] },
  );
}
