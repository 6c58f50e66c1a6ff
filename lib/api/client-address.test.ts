// The client's address: the peer the server appended, or what trusted proxies report; never a
// value the client wrote itself.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { addressKey, clientAddress, isTrustedProxyRequest } from "./client-address";

const req = (xff?: string) =>
  new Request("http://localhost/", { headers: xff ? { "x-forwarded-for": xff } : {} });

function trust(setting: string | undefined) {
  if (setting === undefined) delete process.env.QUIVER_TRUSTED_PROXIES;
  else process.env.QUIVER_TRUSTED_PROXIES = setting;
  resetEnvCache();
}

afterEach(() => trust(undefined));

describe("clientAddress", () => {
  it("is the peer (the last hop, which the server appends) when no proxy is trusted, whatever the client wrote", () => {
    expect(clientAddress(req("203.0.113.9"))).toBe("203.0.113.9");
    // A client that sends its own X-Forwarded-For gets the peer appended after it.
    expect(clientAddress(req("1.2.3.4, 198.51.100.20"))).toBe("198.51.100.20");
    expect(clientAddress(req("::ffff:198.51.100.20"))).toBe("198.51.100.20");
    expect(clientAddress(req())).toBe("unknown");
    expect(clientAddress(req(" , "))).toBe("unknown");
    expect(clientAddress(req("198.51.100.20, "))).toBe("198.51.100.20");
    // Asked again (the answers are memoized per address): the same.
    expect(clientAddress(req("::ffff:198.51.100.20"))).toBe("198.51.100.20");
    expect(clientAddress(req("1.2.3.4, 198.51.100.20"))).toBe("198.51.100.20");
  });

  it("walks from the right past trusted proxies only", () => {
    trust("10.0.0.0/8, 127.0.0.1");
    // client → proxy 10.0.0.2 → proxy 10.0.0.3 → server
    expect(clientAddress(req("198.51.100.7, 10.0.0.2, 10.0.0.3"))).toBe("198.51.100.7");
    // A forged entry left of the real client stays ignored: the first untrusted hop from the right wins.
    expect(clientAddress(req("6.6.6.6, 198.51.100.7, 10.0.0.3"))).toBe("198.51.100.7");
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(clientAddress(req("1.2.3.4, 203.0.113.50"))).toBe("203.0.113.50");
    expect(isTrustedProxyRequest(req("1.2.3.4, 10.0.0.3"))).toBe(true);
    expect(isTrustedProxyRequest(req("1.2.3.4, 203.0.113.50"))).toBe(false);
  });

  it("understands named ranges, and refuses a malformed setting", () => {
    trust("loopback");
    expect(clientAddress(req("198.51.100.7, ::1"))).toBe("198.51.100.7");
    trust("10.0.0.0/33");
    expect(() => clientAddress(req("1.2.3.4"))).toThrow(/QUIVER_TRUSTED_PROXIES/);
  });
});

describe("addressKey", () => {
  it("keys IPv4 by address and IPv6 by its /64", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb::7")).toBe("2001:db8:1:2::/64");
  });
});
