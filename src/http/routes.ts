import { simError } from '../errors/sim-error.js';
import type { OperationDef } from './operation.js';
import type { SpecOperation } from './validation.js';

/** A spec operation and what serves it (`undefined`: described by the spec, served by no module yet). */
export interface Route {
  op: SpecOperation;
  def: OperationDef | undefined;
}

export interface RouteMatch {
  route: Route;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  /** Per path segment: a lower-cased literal, or `null` for a parameter. */
  literals: Array<string | null>;
  names: Array<string | undefined>;
}

/**
 * `/v3` as one table compiled from the spec's paths and operationIds (issue 21: one lookup
 * instead of Express walking nine routers, one per resource module; with the simulator's own
 * server, the router's self time fell from ~43 to ~4 µs a GET): nothing the spec describes
 * can silently 404, and nothing outside it is served. It matches as Express's router did:
 * literals case-insensitively, more literal segments first (`/webhooks/event-types` wins over
 * `/webhooks/{id}`; ties: see `rank`), one optional trailing slash, HEAD as GET, parameters
 * percent-decoded (a malformed escape throws `URIError`: 400).
 */
export class RouteTable {
  /** By method, then by number of segments; most specific first. */
  private readonly table = new Map<string, Map<number, Compiled[]>>();

  constructor(ops: readonly SpecOperation[], defOf: (operationId: string) => OperationDef | undefined) {
    for (const op of ops) {
      const segments = op.path.replace(/^\/v3\//, '').split('/');
      const compiled: Compiled = {
        route: { op, def: defOf(op.operationId) },
        literals: segments.map((s) => (s.startsWith('{') ? null : s.toLowerCase())),
        names: segments.map((s) => (s.startsWith('{') ? s.slice(1, -1) : undefined)),
      };
      const method = op.method.toUpperCase();
      let bySize = this.table.get(method);
      if (!bySize) this.table.set(method, (bySize = new Map<number, Compiled[]>()));
      const list = bySize.get(segments.length) ?? [];
      list.push(compiled);
      list.sort((a, b) => rank(a).localeCompare(rank(b)));
      bySize.set(segments.length, list);
    }
  }

  /** The route of `path` (as the simulator sees it, `/v3/…`), or undefined. */
  match(method: string, path: string): RouteMatch | undefined {
    const candidates = this.table.get(method === 'HEAD' ? 'GET' : method);
    if (!candidates) return undefined;
    // `/v3/profiles/x/` → ['profiles', 'x']: the mount prefix and one trailing slash go.
    const segments = path.slice(4).split('/');
    if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
    const list = candidates.get(segments.length);
    if (!list) return undefined;
    for (const compiled of list) {
      if (matches(compiled, segments)) return { route: compiled.route, params: paramsOf(compiled, segments) };
    }
    return undefined;
  }

  /** The route, or the answer Sent gives when there is none: `404 RESOURCE_013`, or `501` for an operation no module serves. */
  require(method: string, path: string): RouteMatch & { route: Route & { def: OperationDef } } {
    const found = this.match(method, path);
    if (!found) throw simError('RESOURCE_013');
    const { route } = found;
    if (!route.def) throw simError('INTERNAL_005', { status: 501, message: `${route.op.operationId} is not simulated yet` });
    return found as RouteMatch & { route: Route & { def: OperationDef } };
  }
}

function matches(compiled: Compiled, segments: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const literal = compiled.literals[i]!;
    const segment = segments[i]!;
    if (literal === null ? segment === '' : segment.length !== literal.length || segment.toLowerCase() !== literal) return false;
  }
  return true;
}

function paramsOf(compiled: Compiled, segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const name = compiled.names[i];
    if (name !== undefined) params[name] = decodeURIComponent(segments[i]!);
  }
  return params;
}

/**
 * Most literal segments first; between routes with as many, a literal nearer the end wins. The
 * spec has two overlaps: `/webhooks/event-types` over `/webhooks/{id}`, and
 * `/channels/{channel}/{country}/compliance` over `/channels/sms/{country}/{type}` for
 * `/channels/sms/US/compliance` (the number types, as Prism routes it: docs/decisions/0074).
 */
function rank(compiled: Compiled): string {
  const params = compiled.literals.filter((l) => l === null).length;
  return `${String(params).padStart(2, '0')}:${compiled.literals.map((l) => (l === null ? '1' : '0')).reverse().join('')}`;
}
