import type { IncomingMessage } from 'node:http';

/** Names that always reach the machine itself: a page on another site cannot make the browser send them. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * The `Host` allowlist (issue 25 row 12, docs/decisions/0033): against DNS rebinding, where a
 * page on the attacker's site points its own name at 127.0.0.1 and drives a local simulator with
 * the public demo keys. Allowed: loopback names, the address the connection came in on (the
 * bound address, or the interface a `--host 0.0.0.0` server was reached through), the names of
 * `allowed` (`--allowed-hosts`; `*` allows every name), and requests without a `Host` (HTTP/1.0:
 * no browser sends one). Ports are not compared.
 */
export function hostAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const host = req.headers.host;
  if (host === undefined || host === '') return true;
  const name = hostName(host);
  if (LOOPBACK.has(name)) return true;
  if (allowed.length > 0 && (allowed.includes('*') || allowed.includes(name))) return true;
  const local = req.socket?.localAddress;
  return local !== undefined && name === bareAddress(local);
}

/** `Example.COM.:8080` → `example.com`; `[::1]:4010` → `::1`. */
export function hostName(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    const end = name.indexOf(']');
    name = end > 0 ? name.slice(1, end) : name;
  } else {
    const colon = name.lastIndexOf(':');
    if (colon >= 0 && name.indexOf(':') === colon) name = name.slice(0, colon);
  }
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** `::ffff:127.0.0.1` → `127.0.0.1` (an IPv4 connection to a dual-stack server). */
function bareAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/** `--allowed-hosts a,b`: names as the allowlist compares them. */
export function parseAllowedHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
    .map((h) => (h === '*' ? h : hostName(h)));
}
