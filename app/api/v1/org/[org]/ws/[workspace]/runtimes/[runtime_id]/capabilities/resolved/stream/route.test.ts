// The resolved view as server-sent events: headers that stop buffering, the current view first
// (id = digest), one event per change (also one made by another Node process), Last-Event-ID
// resume, a heartbeat, and a final `event: error` when the token is revoked (401) or the runtime
// deleted (404); errors before the stream starts are the plain envelope.
import { beforeAll, describe, expect, it } from "vitest";
import { apiErrorPayload } from "@/lib/api/schemas";
import { resolvedConfiguration } from "@/lib/runtimes/schemas";
import { call, expectError, newOwner, tokenFor, type TestMember } from "@/lib/testing/api";
import {
  changeFromAnotherProcess,
  runtimeWithBinding,
  setBindingEnabled,
  type WatchedRuntime,
} from "@/lib/testing/runtimes";
import { DELETE as revokeToken } from "@/app/api/v1/org/[org]/tokens/[id]/route";
import { DELETE as deleteRuntime } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/route";
import { GET } from "./route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
});

interface SseEvent {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
}

/**
 * Opens the stream; `next()` is its next event (null when it ends), or with `heartbeats` its next
 * event or comment. The tests' heartbeat comes every QUIVER_SSE_HEARTBEAT_MS (vitest.config.ts).
 */
async function open(rt: WatchedRuntime, opts: { token?: string; lastEventId?: string } = {}) {
  const abort = new AbortController();
  const headers = new Headers({ authorization: `Bearer ${opts.token ?? token}` });
  if (opts.lastEventId) headers.set("last-event-id", opts.lastEventId);
  const res = await GET(new Request("http://localhost/stream", { headers, signal: abort.signal }), {
    params: Promise.resolve(rt.params),
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const next = async (opts: { heartbeats?: boolean } = {}): Promise<SseEvent | null> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const ev: SseEvent = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) ev.comment = line.slice(1).trim();
          const m = /^(event|id|data): ?(.*)$/.exec(line);
          if (m) ev[m[1] as "event" | "id" | "data"] = m[2];
        }
        if (block.startsWith("retry:")) continue;
        if (ev.comment === "heartbeat" && !opts.heartbeats) continue;
        return ev;
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += value;
    }
  };
  return { res, next, close: () => abort.abort() };
}

const patch = (rt: WatchedRuntime, enabled: boolean) => setBindingEnabled(rt, token, enabled);

describe("GET .../capabilities/resolved/stream", () => {
  it("sends the current view first, then one event per change, unbuffered", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const s = await open(rt);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(s.res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s.res.headers.get("x-accel-buffering")).toBe("no");
    const first = (await s.next())!;
    expect(first.event).toBe("resolved");
    const view = resolvedConfiguration.parse(JSON.parse(first.data!));
    expect(first.id).toBe(view.runtime_digest);
    expect(view.capabilities).toHaveLength(1);

    expect((await patch(rt, false)).status).toBe(200);
    const changed = (await s.next())!;
    const after = resolvedConfiguration.parse(JSON.parse(changed.data!));
    expect(after.capabilities).toEqual([]);
    expect(changed.id).toBe(after.runtime_digest);
    expect(changed.id).not.toBe(first.id);

    await changeFromAnotherProcess(owner, rt, true);
    const back = (await s.next())!;
    expect(back.id).toBe(first.id);
    s.close();
    expect(await s.next()).toBeNull();
  });

  it("resumes from Last-Event-ID without sending the view the client has", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const current = (await (await open(rt)).next())!.id!;
    // An old id: the current view comes at once.
    const stale = await open(rt, { lastEventId: "0".repeat(64) });
    expect((await stale.next())!.id).toBe(current);
    stale.close();
    // The current id: nothing until the next change, which is the first event.
    const resumed = await open(rt, { lastEventId: current });
    const nextEvent = resumed.next();
    await new Promise((r) => setTimeout(r, 300));
    await patch(rt, false);
    const ev = (await nextEvent)!;
    expect(ev.event).toBe("resolved");
    expect(ev.id).not.toBe(current);
    resumed.close();
  });

  it("ends with an error event when the token is revoked", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const reader = await tokenFor(owner, ["read"]);
    const s = await open(rt, { token: reader.secret });
    expect((await s.next())!.event).toBe("resolved");
    const revoked = await call(revokeToken, {
      method: "DELETE",
      params: { org: owner.org.slug, id: reader.id },
      token: (await tokenFor(owner, ["admin"])).secret,
    });
    expect(revoked.status).toBe(204);
    const end = (await s.next())!;
    expect(end.event).toBe("error");
    expect(apiErrorPayload.parse(JSON.parse(end.data!))).toMatchObject({
      code: 401,
      type: "authentication_error",
    });
    expect(await s.next()).toBeNull();
  });

  it("ends with an error event when the runtime is deleted", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const s = await open(rt);
    expect((await s.next())!.event).toBe("resolved");
    expect((await call(deleteRuntime, { method: "DELETE", params: rt.params, token })).status).toBe(
      204,
    );
    const end = (await s.next())!;
    expect(end.event).toBe("error");
    expect(JSON.parse(end.data!)).toMatchObject({ code: 404, type: "not_found_error" });
    expect(await s.next()).toBeNull();
  });

  it("answers a missing runtime or a bad token before streaming, in the envelope", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const missing = { ...rt.params, runtime_id: "00000000-0000-4000-8000-000000000000" };
    expectError(await call(GET, { params: missing, token }), 404, "not_found_error");
    expectError(
      await call(GET, { params: rt.params, token: "qvr_nope" }),
      401,
      "authentication_error",
    );
    expectError(
      await call(GET, { params: { ...rt.params, runtime_id: "x" }, token }),
      422,
      "validation_error",
    );
  });

  it("sends a heartbeat comment while nothing changes", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const since = Date.now();
    const s = await open(rt);
    expect((await s.next())!.event).toBe("resolved");
    expect(await s.next({ heartbeats: true })).toEqual({ comment: "heartbeat" });
    // Not before the stream was quiet for the heartbeat's interval (1 s here) after its view.
    expect(Date.now() - since).toBeGreaterThanOrEqual(1000);
    expect(await s.next({ heartbeats: true })).toEqual({ comment: "heartbeat" });
    s.close();
  });
});
