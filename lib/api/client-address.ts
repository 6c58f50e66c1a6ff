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

function normalize(addr: string): string {
  if (!ipaddr.isValid(addr)) return addr;
  const parsed = ipaddr.parse(addr);
  // ::ffff:203.0.113.9 is the IPv4 client 203.0.113.9 on a dual-stack socket.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  }
  return parsed.toString();
}

/**
 * The client's address: the peer, or what the trusted proxies in front of it report. "unknown"
 * when the request carries no address at all (a handler called outside the server, as in tests).
 */
export function clientAddress(req: Request): string {
  const hops = (req.headers.get("x-forwarded-for") ?? "")
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
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 64);
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}
