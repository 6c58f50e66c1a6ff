// The client's network address, for rate limits and sign-in limits: the one function that reads
// forwarding headers. Quiver's server (scripts/start.mjs) appends the socket's peer address to
// X-Forwarded-For on every request, so its last entry is always the real peer: `next start` alone
// only sets the header when the client did not send one, and would keep a forged value. Entries
// to the left of the peer are believed only while the hop that reported them is a proxy the
// operator trusts (QUIVER_TRUSTED_PROXIES), walking from the right as Express's `trust proxy` does.
import proxyaddr from "proxy-addr";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

type Trust = (addr: string, i: number) => boolean;
let compiled: { setting: readonly string[]; trust: Trust } | undefined;

function trustFn(): Trust {
  const setting = env().QUIVER_TRUSTED_PROXIES;
  if (compiled?.setting !== setting) {
    compiled = { setting, trust: setting.length ? proxyaddr.compile([...setting]) : () => false };
  }
  return compiled.trust;
}

/**
 * Pure functions of an address, memoized: they run on every request, and parsing an address with
 * ipaddr.js (its IPv6 regular expressions first) cost a few percent of a watch's re-issued request.
 * Cleared whole when full: a flood of distinct addresses costs what it did unmemoized.
 */
function memo(fn: (addr: string) => string): (addr: string) => string {
  const seen = new Map<string, string>();
  return (addr) => {
    let out = seen.get(addr);
    if (out === undefined) {
      out = fn(addr);
      if (seen.size >= 10_000) seen.clear();
      seen.set(addr, out);
    }
    return out;
  };
}

const normalize = memo((addr: string): string => {
  if (!ipaddr.isValid(addr)) return addr;
  const parsed = ipaddr.parse(addr);
  // ::ffff:203.0.113.9 is the IPv4 client 203.0.113.9 on a dual-stack socket.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  }
  return parsed.toString();
});

/**
 * The client's address: the peer, or what the trusted proxies in front of it report. "unknown"
 * when the request carries no address at all (a handler called outside the server, as in tests).
 */
export function clientAddress(req: Request): string {
  const header = req.headers.get("x-forwarded-for") ?? "";
  // No proxy is trusted (the default): the peer, the header's last entry, is the answer.
  if (env().QUIVER_TRUSTED_PROXIES.length === 0) {
    const peer = header.slice(header.lastIndexOf(",") + 1).trim();
    if (peer) return normalize(peer);
  }
  const hops = header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const peer = hops.pop();
  if (!peer) return "unknown";
  const fake = {
    headers: { "x-forwarded-for": hops.join(", ") },
    socket: { remoteAddress: peer },
  } as unknown as IncomingMessage;
  return normalize(proxyaddr(fake, trustFn()));
}

/** Whether the peer is a trusted proxy, so that its X-Forwarded-Host and -Proto are believed. */
export function isTrustedProxyRequest(req: Request): boolean {
  const peer = req.headers.get("x-forwarded-for")?.split(",").pop()?.trim();
  return !!peer && trustFn()(peer, 0);
}

/**
 * The key an address is limited under: an IPv4 address itself, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, and could otherwise rotate through it).
 */
export const addressKey = memo((address: string): string => {
  if (!ipaddr.isValid(address)) return address.slice(0, 64);
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
});
