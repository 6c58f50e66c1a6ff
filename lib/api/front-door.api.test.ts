// The API's GET routes through the front door on a real Node HTTP server, as scripts/start.mjs
// serves them (outside Next.js). The watch routes: a long-poll held to its 304, one woken by a
// change (200), the event stream's first event and its end when the client goes away, and a
// request without credentials answered 401 in the API's envelope with the API's headers. The
// others: the same answer as the route file's handler, gzip when accepted, the catch-all files'
// 404s, a bad token and a stranger's org. Writes and trailing slashes go on to Next.js (here a 204
// standing in for it).
import { request, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvedConfiguration } from "@/lib/runtimes/schemas";
import { newOwner, tokenFor, type TestMember } from "@/lib/testing/api";
import { runtimeWithBinding, setBindingEnabled, type WatchedRuntime } from "@/lib/testing/runtimes";
import { frontDoorServer } from "@/lib/testing/front-door-server";
import { gunzipSync } from "node:zlib";
import { GET as listWorkspaces } from "@/app/api/v1/org/[org]/workspaces/route";
import { apiErrorPayload, compatErrorPayload } from "./schemas";

let server: Awaited<ReturnType<typeof frontDoorServer>>;
let port = 0;
let owner: TestMember;
let token: string;

beforeAll(async () => {
  server = await frontDoorServer();
  port = server.port;
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
});
afterAll(() => server.close());

const pathOf = (rt: WatchedRuntime, rest = "") =>
  `/api/v1/org/${rt.params.org}/ws/${rt.params.workspace}/runtimes/${rt.params.runtime_id}/capabilities/resolved${rest}`;

/** Opens a request; the response arrives with its headers, the body is read by the caller. */
function open(path: string, headers: Record<string, string> = {}, method = "GET") {
  const req = request({ host: "127.0.0.1", port, method, path, headers });
  const res = new Promise<IncomingMessage>((resolve, reject) => {
    req.on("response", resolve);
    req.on("error", reject);
  });
  req.end();
  return { req, res };
}

/** A whole answer: status, headers and text. */
async function send(path: string, headers: Record<string, string> = {}, method = "GET") {
  const res = await open(path, headers, method).res;
  let text = "";
  res.setEncoding("utf8");
  for await (const chunk of res) text += chunk as string;
  return { status: res.statusCode ?? 0, headers: res.headers, text };
}

const bearer = () => ({ authorization: `Bearer ${token}` });
const settle = () => new Promise((r) => setTimeout(r, 300));

const patch = (rt: WatchedRuntime, enabled: boolean) => setBindingEnabled(rt, token, enabled);

/** The org's watches in this process's hub (lib/runtimes/watch.ts). */
const watchesOf = (orgId: string) =>
  (
    globalThis as { quiverWatchHub?: { orgs: Map<string, { watchers: Set<unknown> }> } }
  ).quiverWatchHub?.orgs.get(orgId)?.watchers.size ?? 0;

describe("frontDoor: the watch routes", () => {
  it("answers the view, then holds a current long-poll to its 304", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const first = await send(pathOf(rt), { ...bearer(), "x-request-id": "req-front-door-1" });
    expect(first.status).toBe(200);
    expect(first.headers["x-request-id"]).toBe("req-front-door-1");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers["cache-control"]).toBe("no-store");
    expect(first.headers["content-type"]).toContain("application/json");
    expect(Number(first.headers["content-length"])).toBe(Buffer.byteLength(first.text));
    const view = resolvedConfiguration.parse(JSON.parse(first.text));
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${view.runtime_digest}"`);

    const held = await send(pathOf(rt, "?wait=1"), { ...bearer(), "if-none-match": etag });
    expect(held.status).toBe(304);
    expect(held.headers.etag).toBe(etag);
    expect(held.text).toBe("");
    expect(held.headers["x-ratelimit-limit"]).toBeDefined();
  });

  it("answers a woken long-poll with the new view as soon as a change lands", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const etag = (await send(pathOf(rt), bearer())).headers.etag as string;
    const waiting = send(pathOf(rt, "?wait=60"), { ...bearer(), "if-none-match": etag });
    await settle();
    expect((await patch(rt, false)).status).toBe(200);
    const res = await waiting;
    expect(res.status).toBe(200);
    const view = resolvedConfiguration.parse(JSON.parse(res.text));
    expect(view.capabilities).toEqual([]);
    expect(res.headers.etag).toBe(`"${view.runtime_digest}"`);
    expect(res.headers.etag).not.toBe(etag);
  });

  it("streams the first event at once, and ends the watch when the client goes away", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const { req, res: pending } = open(pathOf(rt, "/stream"), bearer());
    const res = await pending;
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    res.setEncoding("utf8");
    let text = "";
    for await (const chunk of res) {
      text += chunk as string;
      if (text.includes("event: resolved")) break;
    }
    expect(text.startsWith("retry: 1000\n\n")).toBe(true);
    const data = /\nid: (\w+)\nevent: resolved\ndata: (.*)\n\n/.exec(text);
    expect(data).not.toBeNull();
    expect(resolvedConfiguration.parse(JSON.parse(data![2]!)).runtime_digest).toBe(data![1]);
    expect(watchesOf(owner.org.id)).toBe(1);
    req.destroy();
    for (let i = 0; i < 50 && watchesOf(owner.org.id) > 0; i++) await settle();
    expect(watchesOf(owner.org.id)).toBe(0);
  });

  it("answers without credentials 401 in the API's envelope, with its headers", async () => {
    const rt = await runtimeWithBinding(owner, token);
    for (const path of [pathOf(rt, "?wait=60"), pathOf(rt, "/stream")]) {
      const res = await send(path, { "if-none-match": '"x"' });
      expect(res.status, path).toBe(401);
      expect(res.headers["content-type"]).toContain("application/json");
      expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(apiErrorPayload.strict().parse(JSON.parse(res.text))).toMatchObject({
        code: 401,
        type: "authentication_error",
      });
    }
  });

  it("answers HEAD without a body, and leaves writes and trailing slashes to Next.js", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const head = await send(pathOf(rt), bearer(), "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBeDefined();
    expect(head.text).toBe("");
    for (const [method, path] of [
      ["POST", pathOf(rt)],
      ["GET", `${pathOf(rt)}/`],
    ] as const) {
      const res = await send(path, bearer(), method);
      expect(res.status, `${method} ${path}`).toBe(204);
      expect(res.headers["x-passed"]).toBe("1");
    }
  });
});

describe("frontDoor: the API's other GET routes", () => {
  const workspaces = () => `/api/v1/org/${owner.org.slug}/workspaces`;

  it("answers a GET as the route file's own handler does, with the API's headers", async () => {
    const res = await send(workspaces(), { ...bearer(), "x-request-id": "req-front-door-2" });
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe("req-front-door-2");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-ratelimit-limit"]).toBeDefined();
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
    const direct = await listWorkspaces(
      new Request(`http://localhost${workspaces()}`, { headers: bearer() }),
      { params: Promise.resolve({ org: owner.org.slug }) },
    );
    expect(JSON.parse(res.text)).toEqual(await direct.json());
    expect(JSON.parse(res.text).workspaces.map((w: { slug: string }) => w.slug)).toContain("main");

    const head = await send(workspaces(), bearer(), "HEAD");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
  });

  it("gzips an answer of 1 KB or more for a client that accepts it, and not for one that does not", async () => {
    // Enough audit events for an answer over 1 KB: each binding made writes some.
    for (let i = 0; i < 3; i++) await runtimeWithBinding(owner, token);
    const path = `/api/v1/org/${owner.org.slug}/audit-events`;
    const plain = await send(path, bearer());
    expect(plain.status).toBe(200);
    expect(Buffer.byteLength(plain.text)).toBeGreaterThan(1024);
    expect(plain.headers["content-encoding"]).toBeUndefined();

    const res = await open(path, { ...bearer(), "accept-encoding": "br;q=1, gzip;q=0.5" }).res;
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toBe("Accept-Encoding");
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    expect(Number(res.headers["content-length"])).toBe(body.length);
    const events = JSON.parse(gunzipSync(body).toString("utf8"));
    expect(events).toEqual(JSON.parse(plain.text));
  });

  it("answers a path no route serves with the 404 of its surface, as the catch-all files do", async () => {
    const canonical = await send(`/api/v1/org/${owner.org.slug}/nothing-here`, bearer());
    expect(canonical.status).toBe(404);
    expect(apiErrorPayload.strict().parse(JSON.parse(canonical.text)).code).toBe(404);
    const compat = await send("/api/v1/optimizations/a/b/c", bearer());
    expect(compat.status).toBe(404);
    expect(compatErrorPayload.parse(JSON.parse(compat.text)).error.code).toBe("NOT_FOUND");
  });

  it("answers a bad token 401 and a stranger's org 404, in the API's envelope", async () => {
    const bad = await send(workspaces(), { authorization: "Bearer qv_not_a_token" });
    expect(bad.status).toBe(401);
    expect(apiErrorPayload.strict().parse(JSON.parse(bad.text)).type).toBe("authentication_error");
    const stranger = await newOwner();
    const theirs = await send(`/api/v1/org/${stranger.org.slug}/workspaces`, bearer());
    expect(theirs.status).toBe(404);
    expect(apiErrorPayload.strict().parse(JSON.parse(theirs.text)).code).toBe(404);
  });
});
