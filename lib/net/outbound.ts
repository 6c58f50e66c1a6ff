// Outbound HTTP to an address that someone who is not the operator chose (a workspace's model
// provider): the guard against server-side request forgery. The check is made on the address the
// connection is actually opened to, inside the connection itself (an undici connector), so there
// is no window between checking a name and connecting to what it resolves to (DNS rebinding).
// Only globally routable unicast addresses pass (ipaddr.js's ranges): loopback, private, unique
// local, link-local (cloud metadata), CGNAT, 0/8, multicast, broadcast, reserved, and IPv6 forms
// that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are refused, as are names
// such as `localhost` or `metadata.google.internal` whatever they resolve to. An operator's allow
// list (host names, host:port, IPs, IP:port, CIDRs) lets some private hosts through. Redirects are
// never followed.
import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import {
  addressAllowed,
  internalName,
  nameAllowed,
  normalizeName,
  type AllowedHost,
} from "./allowed-hosts";

/** The code of the error a refused connection fails with (the fetch error's `cause.code`). */
export const REFUSED_ADDRESS = "EQUIVER_REFUSED_ADDRESS";

class RefusedAddressError extends Error {
  readonly code = REFUSED_ADDRESS;
  constructor(host: string) {
    super(`refused to connect to ${host}: the address is private`);
    this.name = "RefusedAddressError";
  }
}

interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

// Tests replace the resolver to make a name resolve where they need (no DNS offline).
interface OutboundState {
  resolver?: Resolver;
  agents: Map<string, Agent>;
}
const state: OutboundState = ((
  globalThis as unknown as { __quiverOutbound?: OutboundState }
).__quiverOutbound ??= { agents: new Map() });

/** For tests: resolve names with this function instead of the system's resolver; undefined restores it. */
export function setResolverForTests(resolver: Resolver | undefined): void {
  state.resolver = resolver;
}

/**
 * The addresses a connection to `hostname`:`port` may use, in the resolver's order: every
 * resolved address that passes (an allowed name passes whatever it resolves to). Throws
 * RefusedAddressError when none does, or the resolver's error (ENOTFOUND…).
 */
export async function permittedAddresses(
  hostname: string,
  port: number,
  allowed: readonly AllowedHost[],
): Promise<string[]> {
  const host = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  const name = normalizeName(host);
  const literal = net.isIP(host) !== 0;
  const byName = !literal && nameAllowed(name, port, allowed);
  if (!literal && !byName && internalName(name)) throw new RefusedAddressError(hostname);
  let addresses: string[];
  if (literal) addresses = [host];
  else {
    const resolved = await (state.resolver ?? systemResolver)(host);
    addresses = resolved.map((r) => r.address);
    if (addresses.length === 0)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  }
  const permitted = byName ? addresses : addresses.filter((a) => addressAllowed(a, port, allowed));
  if (permitted.length === 0) throw new RefusedAddressError(hostname);
  return permitted;
}

// Network-level failures after which the next permitted address is worth trying.
const TRY_NEXT = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** An undici connector that opens the socket to a checked address, and only to one. */
function guardedConnector(allowed: readonly AllowedHost[]): buildConnector.connector {
  const connect = buildConnector({});
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
    permittedAddresses(options.hostname, port, allowed).then(
      (addresses) => {
        const tryFrom = (i: number) => {
          // The checked address as the host to connect to; `host` stays the URL's, so TLS still
          // sends and verifies the URL's server name.
          connect({ ...options, hostname: addresses[i]! }, (...args) => {
            const [err] = args;
            const code = err && (err as NodeJS.ErrnoException).code;
            if (err && i + 1 < addresses.length && code && TRY_NEXT.has(code)) tryFrom(i + 1);
            else callback(...args);
          });
        };
        tryFrom(0);
      },
      (err: Error) => callback(err, null),
    );
  };
}

/** The dispatcher for one allow list, shared by every caller with the same list (it pools connections). */
function guardedAgent(allowed: readonly AllowedHost[]): Agent {
  const key = JSON.stringify(
    allowed.map((e) =>
      e.kind === "name" ? [e.name, e.port] : [e.range[0].toString(), e.range[1], e.port],
    ),
  );
  let agent = state.agents.get(key);
  if (!agent) state.agents.set(key, (agent = new Agent({ connect: guardedConnector(allowed) })));
  return agent;
}

interface OutboundResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type OutboundFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<OutboundResponse>;

/**
 * A fetch that connects only to permitted addresses and never follows a redirect: a 3xx comes
 * back as it is, for the caller to refuse.
 */
export function guardedFetch(allowed: readonly AllowedHost[]): OutboundFetch {
  const dispatcher = guardedAgent(allowed);
  return (url, init) => undiciFetch(url, { ...init, redirect: "manual", dispatcher });
}
