// The operator's allow list of outbound hosts (QUIVER_LLM_ALLOWED_HOSTS) and the address policy
// of lib/net/outbound.ts: which addresses and names a connection chosen by a workspace admin may
// reach. Pure (ipaddr.js only), so that lib/env.ts can validate the setting with it.
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** One entry of an allow list: a host name as typed in URLs, or an address range; optionally one port. */
export type AllowedHost =
  | { kind: "name"; name: string; port?: number }
  | { kind: "range"; range: [Address, number]; port?: number };

/** A dotted-quad IPv4 or an IPv6 address (the forms a URL's host name takes once parsed). */
const isIpLiteral = (host: string) =>
  ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host);

export const normalizeName = (host: string) => host.toLowerCase().replace(/\.+$/, "");

/** Parses one allow-list entry: `name`, `name:port`, `ip`, `ip:port`, `[v6]:port`, `cidr`. Null when it is none of these. */
export function parseAllowedHost(raw: string): AllowedHost | null {
  const entry = raw.trim();
  if (!entry) return null;
  if (entry.includes("/")) {
    try {
      return { kind: "range", range: ipaddr.parseCIDR(entry) };
    } catch {
      return null;
    }
  }
  let host = entry;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2]) port = Number(bracketed[2]);
  } else if (!ipaddr.IPv6.isValid(entry)) {
    const withPort = /^(.*):(\d+)$/.exec(entry);
    if (withPort) {
      host = withPort[1]!;
      port = Number(withPort[2]);
    }
  }
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  if (isIpLiteral(host)) {
    const address = ipaddr.process(host);
    return { kind: "range", range: [address, address.kind() === "ipv4" ? 32 : 128], port };
  }
  const name = normalizeName(host);
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name))
    return null;
  return { kind: "name", name, port };
}

/** An allow list from its entries; throws on an entry that cannot be read. */
export function parseAllowedHosts(entries: readonly string[]): AllowedHost[] {
  return entries.map((e) => {
    const parsed = parseAllowedHost(e);
    if (!parsed) throw new Error(`not a host name, host:port, IP address, IP:port or CIDR: '${e}'`);
    return parsed;
  });
}

// Names that are internal whatever they resolve to (RFC 6761 `localhost`, the `.internal` TLD that
// clouds and Docker use for metadata and host services, Google's metadata names).
export const internalName = (name: string) =>
  name === "localhost" ||
  name.endsWith(".localhost") ||
  name.endsWith(".internal") ||
  name === "metadata" ||
  name === "metadata.goog";

const portMatches = (entry: AllowedHost, port: number) =>
  entry.port === undefined || entry.port === port;

function parseAddress(ip: string): Address | null {
  try {
    return ipaddr.process(ip); // IPv4-mapped (::ffff:a.b.c.d) and compatible forms become IPv4
  } catch {
    return null;
  }
}

function inRange(address: Address, [base, bits]: [Address, number]): boolean {
  return address.kind() === base.kind() && address.match(base, bits);
}

/** Whether a connection to `ip`:`port` may be made: a globally routable unicast address, or one the allow list names. */
export function addressAllowed(ip: string, port: number, allowed: readonly AllowedHost[]): boolean {
  const address = parseAddress(ip);
  if (!address) return false;
  if (allowed.some((e) => e.kind === "range" && portMatches(e, port) && inRange(address, e.range)))
    return true;
  // Only globally routable unicast; everything ipaddr.js classes otherwise is refused.
  return address.range() === "unicast";
}

/** Whether the URL's host name itself is on the allow list (then whatever it resolves to is reached). */
export function nameAllowed(name: string, port: number, allowed: readonly AllowedHost[]): boolean {
  return allowed.some((e) => e.kind === "name" && e.name === name && portMatches(e, port));
}
