import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { MESSAGES } from '../errors/catalog.js';

/** Why a target is refused, as the messages name it (MESSAGES.targetReason). */
export type RefusalReason = keyof typeof MESSAGES.targetReason;

/** Raised by the lookup when every address a name resolves to is refused; the attempt records it. */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError';
  constructor(readonly reason: RefusalReason) {
    super(`target refused: ${MESSAGES.targetReason[reason]}`);
  }
}

/** Cloud metadata services by name (GCP, AWS); their addresses are below. */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

type Family = 'ipv4' | 'ipv6';
type Subnet = [address: string, prefix: number, family: Family];

/** Never a receiver (docs/decisions/0046): link-local (IPv4-mapped forms match too), metadata services, unspecified. */
const LINK_LOCAL: Subnet[] = [
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
  // 169.254/16 written as an IPv4-compatible or NAT64 address.
  ['::a9fe:0', 112, 'ipv6'],
  ['64:ff9b::a9fe:0', 112, 'ipv6'],
];
const METADATA: Subnet[] = [
  ['fd00:ec2::254', 128, 'ipv6'], // AWS over IPv6
  ['100.100.100.200', 32, 'ipv4'], // Alibaba Cloud
  ['192.0.0.192', 32, 'ipv4'], // Oracle Cloud
];
const UNSPECIFIED: Subnet[] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
];
/** Not globally routable: refused under `--webhook-targets public` (loopback, private, shared, reserved, multicast). */
const NOT_PUBLIC: Subnet[] = [
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
];

function blockList(...subnets: Subnet[][]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, family] of subnets.flat()) list.addSubnet(address, prefix, family);
  return list;
}

const family = (ip: string): Family => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');
/** A URL's host as a bare lower-case name or address: no brackets, no trailing dot. */
const bareHost = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

const KEYWORDS = ['local', 'public', 'any'] as const;
type Keyword = (typeof KEYWORDS)[number];
const HOST_NAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * Where outbound notifications may go (`--webhook-targets`, issue 25 row 8, docs/decisions/0046).
 * A comma-separated list of:
 * - `local` (the default): any address but link-local, cloud metadata and unspecified ones, and
 *   no metadata name — loopback and private receivers are the main use;
 * - `public`: globally routable addresses only;
 * - `any`: everything (the old behaviour);
 * - CIDRs, addresses, host names and `*.suffix` wildcards, allowed besides (or, alone, only them),
 *   even inside the ranges the keywords refuse.
 * A URL is judged at create and update by its host (literal addresses, metadata names), and at
 * send time by every address its name resolves to, so a name that resolves to a refused address
 * is refused too; the connection goes to an allowed address the same lookup returned.
 */
const JUDGED_SIZE = 1_000;

export class TargetPolicy {
  private readonly keyword: Keyword | null;
  private readonly listed: BlockList;
  private readonly names: string[] = [];
  private readonly never = blockList(LINK_LOCAL, METADATA, UNSPECIFIED);
  private readonly linkLocal = blockList(LINK_LOCAL);
  private readonly metadata = blockList(METADATA);
  private readonly notPublic = blockList(NOT_PUBLIC);

  /**
   * Parses the flag's value; a RangeError names what is wrong with it. `resolve` is `dns.lookup`
   * (unit tests pass a fake).
   */
  constructor(
    readonly spec: string = 'local',
    private readonly resolve: typeof dnsLookup = dnsLookup,
  ) {
    const entries = spec.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
    if (entries.length === 0) throw new RangeError('--webhook-targets must name local, public, any, or addresses, CIDRs and host names');
    const keywords = entries.filter((e): e is Keyword => (KEYWORDS as readonly string[]).includes(e));
    if (keywords.length > 1) throw new RangeError(`--webhook-targets takes one of local, public, any, not ${keywords.join(' and ')}`);
    this.keyword = keywords[0] ?? null;
    this.listed = new BlockList();
    for (const entry of entries) {
      if (keywords.includes(entry as Keyword)) continue;
      const [address, prefix, extra] = entry.split('/');
      const version = isIP(bareHost(address!));
      if (version !== 0) {
        const bits = prefix === undefined ? (version === 4 ? 32 : 128) : Number(prefix);
        if (extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (version === 4 ? 32 : 128) || prefix === '') throw new RangeError(`--webhook-targets: ${entry} is not a valid CIDR`);
        this.listed.addSubnet(bareHost(address!), bits, version === 4 ? 'ipv4' : 'ipv6');
      } else if (prefix === undefined && HOST_NAME.test(bareHost(entry))) {
        this.names.push(bareHost(entry));
      } else {
        throw new RangeError(`--webhook-targets: ${entry} is neither local, public, any, an address, a CIDR nor a host name`);
      }
    }
  }

  /**
   * What `refuseUrl` and `refuseAddress` said of the URLs and addresses seen last (the policy never
   * changes once made): every delivery attempt asks again, and Node's `BlockList.check` makes a
   * `SocketAddress` each time — 2.7% of a scheduled drain's CPU by `--cpu-prof`. Bounded:
   * emptied when it reaches `JUDGED_SIZE`.
   */
  private readonly judged = new Map<string, RefusalReason | null>();

  private remembered(key: string, judge: () => RefusalReason | null): RefusalReason | null {
    const known = this.judged.get(key);
    if (known !== undefined) return known;
    if (this.judged.size >= JUDGED_SIZE) this.judged.clear();
    const reason = judge();
    this.judged.set(key, reason);
    return reason;
  }

  /** Why `url` may not be a target, judged on its host alone (null: it may, so far as the host shows). */
  refuseUrl(url: string): RefusalReason | null {
    return this.remembered(`url ${url}`, () => this.judgeUrl(url));
  }

  private judgeUrl(url: string): RefusalReason | null {
    let host: string;
    try {
      host = bareHost(new URL(url).hostname);
    } catch {
      return null; // not a URL: the validation of its field says so
    }
    if (isIP(host) !== 0) return this.refuseAddress(host);
    if (this.keyword === 'any' || this.namedHost(host)) return null;
    if (METADATA_NAMES.has(host)) return 'metadata';
    if (this.keyword === 'public' && (host === 'localhost' || host.endsWith('.localhost'))) return 'notPublic';
    // Any other name is judged by what it resolves to, at send time.
    return null;
  }

  /** Why a connection to `ip` is refused (null: allowed). `named`: the host was listed by name. */
  refuseAddress(ip: string, named = false): RefusalReason | null {
    return this.remembered(`${named ? 'named' : 'ip'} ${ip}`, () => this.judgeAddress(ip, named));
  }

  private judgeAddress(ip: string, named: boolean): RefusalReason | null {
    const f = family(ip);
    if (this.listed.check(ip, f) || this.keyword === 'any') return null;
    if (this.never.check(ip, f)) return this.linkLocal.check(ip, f) ? 'linkLocal' : this.metadata.check(ip, f) ? 'metadata' : 'unspecified';
    if (named) return null;
    if (this.keyword === 'public') return this.notPublic.check(ip, f) ? 'notPublic' : null;
    return this.keyword === 'local' ? null : 'notListed';
  }

  /**
   * A `lookup` for `http.request`: resolves as `dns.lookup` does, keeps only the allowed
   * addresses, and fails with `TargetRefusedError` when none is left. Literal addresses never
   * reach it (Node connects to them directly): `refuseUrl` judges them first.
   */
  readonly lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    this.resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, '');
        return;
      }
      const named = this.namedHost(bareHost(hostname));
      const reasons = addresses.map((a) => this.refuseAddress(a.address, named));
      const allowed = addresses.filter((_, i) => reasons[i] === null);
      if (allowed.length === 0) {
        callback(new TargetRefusedError(reasons.find((r) => r !== null) ?? 'notListed'), '');
        return;
      }
      if ((options as LookupAllOptions).all) callback(null, allowed);
      else callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };

  private namedHost(host: string): boolean {
    return this.names.some((n) => (n.startsWith('*.') ? host.endsWith(n.slice(1)) : host === n));
  }
}
