// The outbound guard: which addresses pass (ipaddr.js's ranges, IPv4 embedded in IPv6, internal
// names), the operator's allow list, and real connections through the guarded fetch to servers on
// loopback: refused before any byte is sent, made to exactly the address that was checked, and
// never following a redirect. Names resolve through an injected resolver (no DNS offline).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addressAllowed, parseAllowedHost, parseAllowedHosts } from "./allowed-hosts";
import {
  guardedFetch,
  permittedAddresses,
  REFUSED_ADDRESS,
  setResolverForTests,
  type Resolver,
} from "./outbound";

interface Server {
  url: string;
  port: number;
  hits: { host: string | undefined; path: string }[];
  answer: (res: http.ServerResponse) => void;
  close(): Promise<void>;
}

async function serve(address = "127.0.0.1"): Promise<Server> {
  const server = http.createServer((req, res) => {
    s.hits.push({ host: req.headers.host, path: req.url ?? "" });
    s.answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const port = (server.address() as AddressInfo).port;
  const s: Server = {
    url: `http://${address}:${port}`,
    port,
    hits: [],
    answer: (res) => res.end("hello"),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return s;
}

const resolveTo =
  (table: Record<string, string[]>, calls: string[] = []): Resolver =>
  async (name) => {
    calls.push(name);
    const found = table[name];
    if (!found)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

async function failureCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return ((err as Error).cause as { code?: string } | undefined)?.code;
  }
  throw new Error("expected the fetch to fail");
}

const get = { method: "GET", headers: {} };

describe("addressAllowed", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "169.254.0.1",
    "100.64.0.1",
    "100.127.255.254",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.2.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "::127.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::1",
    "not-an-address",
  ])("refuses %s", (ip) => {
    expect(addressAllowed(ip, 80, [])).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "lets the public address %s through",
    (ip) => {
      expect(addressAllowed(ip, 443, [])).toBe(true);
    },
  );

  it("lets through what the operator's list names, on its port only when it gives one", () => {
    const allowed = parseAllowedHosts(["127.0.0.1:11434", "10.0.0.0/8", "[fd00::1]:8000"]);
    expect(addressAllowed("127.0.0.1", 11434, allowed)).toBe(true);
    expect(addressAllowed("::ffff:127.0.0.1", 11434, allowed)).toBe(true);
    expect(addressAllowed("127.0.0.1", 22, allowed)).toBe(false);
    expect(addressAllowed("10.20.30.40", 5432, allowed)).toBe(true);
    expect(addressAllowed("fd00::1", 8000, allowed)).toBe(true);
    expect(addressAllowed("fd00::1", 8001, allowed)).toBe(false);
    expect(addressAllowed("192.168.1.1", 11434, allowed)).toBe(false);
    expect(addressAllowed("169.254.169.254", 80, allowed)).toBe(false);
  });
});

describe("parseAllowedHost", () => {
  it("reads names, ports, addresses and ranges", () => {
    expect(parseAllowedHost("Ollama.LAN.")).toEqual({
      kind: "name",
      name: "ollama.lan",
      port: undefined,
    });
    expect(parseAllowedHost("host.docker.internal:11434")).toEqual({
      kind: "name",
      name: "host.docker.internal",
      port: 11434,
    });
    expect(parseAllowedHost("127.0.0.1")).toMatchObject({ kind: "range", port: undefined });
    expect(parseAllowedHost("127.0.0.1:8080")).toMatchObject({ kind: "range", port: 8080 });
    expect(parseAllowedHost("::1")).toMatchObject({ kind: "range", port: undefined });
    expect(parseAllowedHost("[::1]:11434")).toMatchObject({ kind: "range", port: 11434 });
    expect(parseAllowedHost("192.168.0.0/16")).toMatchObject({ kind: "range" });
  });

  it.each([
    "",
    "http://127.0.0.1:11434",
    "10.0.0.0/33",
    "host:0",
    "host:70000",
    "a b",
    "[::1",
    "exa_mple..com",
  ])("refuses '%s'", (entry) => {
    expect(parseAllowedHost(entry)).toBeNull();
  });
});

describe("permittedAddresses", () => {
  afterEach(() => setResolverForTests(undefined));

  it("refuses internal names without resolving them, unless the operator names them", async () => {
    const calls: string[] = [];
    setResolverForTests(
      resolveTo(
        { localhost: ["127.0.0.1"], "metadata.google.internal": ["169.254.169.254"] },
        calls,
      ),
    );
    for (const name of [
      "localhost",
      "LOCALHOST.",
      "api.localhost",
      "metadata.google.internal",
      "host.docker.internal",
    ]) {
      await expect(permittedAddresses(name, 80, [])).rejects.toMatchObject({
        code: REFUSED_ADDRESS,
      });
    }
    expect(calls).toEqual([]);
    expect(
      await permittedAddresses("localhost", 11434, parseAllowedHosts(["localhost:11434"])),
    ).toEqual(["127.0.0.1"]);
    await expect(
      permittedAddresses("localhost", 80, parseAllowedHosts(["localhost:11434"])),
    ).rejects.toMatchObject({ code: REFUSED_ADDRESS });
  });

  it("checks what a name resolves to, keeps only the addresses that pass, and reports a failed lookup as the resolver does", async () => {
    setResolverForTests(
      resolveTo({
        "evil.example": ["10.0.0.7"],
        "mixed.example": ["10.0.0.7", "8.8.8.8", "::1", "2606:4700::1"],
      }),
    );
    await expect(permittedAddresses("evil.example", 443, [])).rejects.toMatchObject({
      code: REFUSED_ADDRESS,
    });
    expect(await permittedAddresses("mixed.example", 443, [])).toEqual(["8.8.8.8", "2606:4700::1"]);
    await expect(permittedAddresses("nowhere.example", 443, [])).rejects.toMatchObject({
      code: "ENOTFOUND",
    });
  });

  it("takes IP literals as they are, brackets and all", async () => {
    await expect(permittedAddresses("[::ffff:127.0.0.1]", 80, [])).rejects.toMatchObject({
      code: REFUSED_ADDRESS,
    });
    await expect(permittedAddresses("169.254.169.254", 80, [])).rejects.toMatchObject({
      code: REFUSED_ADDRESS,
    });
    expect(await permittedAddresses("8.8.8.8", 80, [])).toEqual(["8.8.8.8"]);
  });
});

describe("guardedFetch", () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(() => server.close());
  afterEach(() => {
    setResolverForTests(undefined);
    server.hits.length = 0;
    server.answer = (res) => res.end("hello");
  });

  it("refuses loopback before connecting, and reaches it once the operator allows it", async () => {
    expect(await failureCode(guardedFetch([])(`${server.url}/v1`, get))).toBe(REFUSED_ADDRESS);
    expect(
      await failureCode(guardedFetch([])(`http://[::ffff:127.0.0.1]:${server.port}/v1`, get)),
    ).toBe(REFUSED_ADDRESS);
    expect(server.hits).toEqual([]);
    const res = await guardedFetch(parseAllowedHosts([`127.0.0.1:${server.port}`]))(
      `${server.url}/v1`,
      get,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("hello");
    // Another port of the same host is still refused.
    expect(
      await failureCode(
        guardedFetch(parseAllowedHosts([`127.0.0.1:${server.port + 1}`]))(`${server.url}/v1`, get),
      ),
    ).toBe(REFUSED_ADDRESS);
  });

  it("refuses a name that resolves to loopback, and `localhost` itself", async () => {
    setResolverForTests(resolveTo({ "models.example": ["127.0.0.1"] }));
    expect(
      await failureCode(guardedFetch([])(`http://models.example:${server.port}/v1`, get)),
    ).toBe(REFUSED_ADDRESS);
    expect(await failureCode(guardedFetch([])(`http://localhost:${server.port}/v1`, get))).toBe(
      REFUSED_ADDRESS,
    );
    expect(server.hits).toEqual([]);
  });

  it("connects to exactly the address it checked, sending the name the URL gave", async () => {
    // 127.0.0.2 is not allowed: the connection goes to 127.0.0.1, the one that passed.
    setResolverForTests(resolveTo({ "models.example": ["127.0.0.2", "127.0.0.1"] }));
    const res = await guardedFetch(parseAllowedHosts(["127.0.0.1"]))(
      `http://models.example:${server.port}/v1`,
      get,
    );
    expect(res.status).toBe(200);
    expect(server.hits).toEqual([{ host: `models.example:${server.port}`, path: "/v1" }]);
    // Only 127.0.0.2 allowed: nothing listens there, and 127.0.0.1 (which would answer) is not tried.
    server.hits.length = 0;
    const refused = await failureCode(
      guardedFetch(parseAllowedHosts(["127.0.0.2"]))(
        `http://models.example:${server.port}/v1`,
        get,
      ),
    );
    expect(refused).toBe("ECONNREFUSED");
    expect(server.hits).toEqual([]);
  });

  it("does not follow a redirect, even to an allowed address", async () => {
    server.answer = (res) => {
      res.writeHead(302, {
        location: server.hits.length > 1 ? "/followed" : `${server.url}/v1/elsewhere`,
      });
      res.end();
    };
    const res = await guardedFetch(parseAllowedHosts(["127.0.0.1"]))(`${server.url}/v1`, {
      method: "POST",
      headers: {},
      body: "{}",
    });
    expect(res.status).toBe(302);
    expect(server.hits).toHaveLength(1);
  });
});
