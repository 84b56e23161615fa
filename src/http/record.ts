import type { Response } from 'express';
import type { Tenant } from '../store/types.js';
import type { Exchange } from './context.js';
import type { RateState } from './rate-limit.js';
import type { Rendered } from './result.js';

/** A request body as the body stage read it: the parsed value and, when it kept it, the raw text. */
export interface BodyRef {
  readonly value: unknown;
  /** The UTF-8 text the value was parsed from (absent for bodies set by someone else: a host app's parser). */
  readonly text?: string;
}

/**
 * What the stage that served a request learnt about it, handed to the writer with the answer.
 * Nothing keeps it on the request: each stage passes what it knows when it writes.
 */
export interface Facts {
  tenant?: Tenant;
  scopedProfileId?: string;
  operationId?: string;
  sandbox?: boolean;
  scenario?: string;
  errorCode?: string;
  body?: BodyRef;
  /** Where the caller's rate-limit window stands, for the `X-RateLimit-*` headers of a `/v3` answer (http/rate-limit.ts). */
  rate?: RateState;
}

/**
 * One request as it was answered (issue 21): built once, by the writer, as the response is
 * written, and never changed. The journal, the access-log line, the inspector stream and
 * `X-Response-Time` all read it; nothing writes request state after it.
 */
export interface RequestRecord {
  readonly exchange: Exchange;
  readonly tenant: Tenant | undefined;
  readonly operationId: string | null;
  readonly status: number;
  readonly errorCode: string | null;
  /** Whole milliseconds from the request stage to the writer, measured once. */
  readonly durationMs: number;
  /** The tenant's clock when the answer was written (the journal's `at`). */
  readonly atMs: number;
  readonly sandbox: boolean;
  readonly scenario: string | null;
  /** The answer, by reference (`undefined` for a stream, written as it happens). */
  readonly response: Rendered | undefined;
  /** The request body, by reference. */
  readonly body: BodyRef | undefined;
}

export function elapsedMs(exchange: Exchange): number {
  return Math.round(Number(process.hrtime.bigint() - exchange.startedAt) / 1e6);
}

export function makeRecord(exchange: Exchange, status: number, response: Rendered | undefined, facts: Facts): RequestRecord {
  const { tenant } = facts;
  return {
    exchange,
    tenant,
    operationId: facts.operationId ?? null,
    status,
    errorCode: facts.errorCode ?? null,
    durationMs: elapsedMs(exchange),
    atMs: tenant ? tenant.clock.now() : 0,
    sandbox: facts.sandbox ?? false,
    scenario: facts.scenario ?? null,
    response,
    body: facts.body,
  };
}

/** The record the writer made for this response, if it has written one. */
export function recordOf(res: Response): RequestRecord | undefined {
  return res.locals.record as RequestRecord | undefined;
}
