// The long-poll of the resolved view (`?wait=N` with If-None-Match): 304 after the wait, 200 at
// once when the digest differs or changes during the wait (also when the change is made by another
// Node process), 401 when the token is revoked (every wait of that token, no other) and 404 when the runtime is deleted during it, the
// client going away ends it, and `wait` is validated.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { subscribe } from "@/lib/runtimes/changes";
import { resolvedConfiguration } from "@/lib/runtimes/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  type TestMember,
} from "@/lib/testing/api";
import {
  changeFromAnotherProcess,
  runtimeWithBinding,
  setBindingEnabled,
} from "@/lib/testing/runtimes";
import { DELETE as revokeToken } from "@/app/api/v1/org/[org]/tokens/[id]/route";
import { DELETE as deleteRuntime } from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/route";
import { workspaceCtxOf } from "@/lib/agents/testing";
import { sharedView } from "@/lib/runtimes/watch";
import { GET } from "./route";

let owner: TestMember;
let token: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
});

const poll = (
  params: Record<string, string>,
  opts: { wait?: string; etag?: string; token?: string; signal?: AbortSignal } = {},
) =>
  call(GET, {
    path: `/resolved${opts.wait !== undefined ? `?wait=${opts.wait}` : ""}`,
    params,
    token: opts.token ?? token,
    headers: opts.etag ? { "if-none-match": opts.etag } : {},
    signal: opts.signal,
  });

/** Resolves after the watch has had time to start (its subscription and first read). */
const settle = () => new Promise((r) => setTimeout(r, 300));

/** A new runtime, changed once while a long-poll held its first ETag: both ETags. */
async function changedWhileHeld() {
  const rt = await runtimeWithBinding(owner, token);
  const first = (await poll(rt.params)).headers.get("etag")!;
  // A watch keeps the org's hub (and the digests its wakes read) alive throughout.
  const keeper = poll(rt.params, { wait: "60", etag: first });
  await settle();
  expect((await setBindingEnabled(rt, token, false)).status).toBe(200);
  const woken = await keeper;
  expect(woken.status).toBe(200);
  return { rt, first, second: woken.headers.get("etag")! };
}

/** A new runtime, its ETag, and a long-poll held on that ETag (60 s) that `stop` ends. */
async function heldOnCurrent() {
  const rt = await runtimeWithBinding(owner, token);
  const etag = (await poll(rt.params)).headers.get("etag")!;
  const stop = new AbortController();
  const held = poll(rt.params, { wait: "60", etag, signal: stop.signal });
  await settle();
  return { rt, etag, stop, held };
}

/** The reads of a runtime's digest that this process makes through the driver while `run` runs. */
async function digestReadsDuring(run: () => Promise<void>): Promise<unknown[]> {
  const reads = vi.spyOn(db().direct, "rows");
  try {
    await run();
    return reads.mock.calls.filter(([sql]) => sql.includes('"resolvedDigest" FROM'));
  } finally {
    reads.mockRestore();
  }
}

describe("GET .../capabilities/resolved?wait=N", () => {
  it("answers 304 when nothing changes within the wait, and 200 at once for another ETag", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const first = await poll(rt.params);
    const etag = first.headers.get("etag")!;
    const held = await poll(rt.params, { wait: "1", etag });
    expect(held.status).toBe(304);
    expect(held.headers.get("etag")).toBe(etag);
    expect(held.json).toBeNull();

    const other = await poll(rt.params, { wait: "60", etag: '"0000"' });
    expect(expectBody(other, 200, resolvedConfiguration).capabilities).toHaveLength(1);
    // No If-None-Match: the view at once, wait or not.
    expectBody(await poll(rt.params, { wait: "60" }), 200, resolvedConfiguration);
  });

  it("answers 200 with the new view as soon as a change lands during the wait", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const etag = (await poll(rt.params)).headers.get("etag")!;
    // 60 s is past the test's timeout: only the change can end this request in time.
    const waiting = poll(rt.params, { wait: "60", etag });
    await settle();
    const patched = await setBindingEnabled(rt, token, false);
    expect(patched.status).toBe(200);
    const res = await waiting;
    const view = expectBody(res, 200, resolvedConfiguration);
    expect(view.capabilities).toEqual([]);
    expect(res.headers.get("etag")).toBe(`"${view.runtime_digest}"`);
    expect(res.headers.get("etag")).not.toBe(etag);
  });

  it("holds a re-issued long-poll whose ETag is current, and answers one holding an older ETag with the new view, whichever process made the change", async () => {
    const { rt, first, second } = await changedWhileHeld();

    // Re-issued with the ETag it got: held (the hub's digest confirms it), then woken by the next change.
    const again = poll(rt.params, { wait: "60", etag: second });
    await settle();
    // Committed by another process: this one hears of it through its change source (SQLite's
    // counters, PostgreSQL's NOTIFY). A caller holding the second ETag gets the new view, whether
    // or not this process has heard of the change when the request comes.
    await changeFromAnotherProcess(owner, rt, true);
    const late = await poll(rt.params, { wait: "60", etag: second });
    const view = expectBody(late, 200, resolvedConfiguration);
    expect(view.capabilities).toHaveLength(1);
    expect(late.headers.get("etag")).toBe(first);
    const rewoken = await again;
    expect(rewoken.status).toBe(200);
    expect(rewoken.headers.get("etag")).toBe(first);
  });

  it("lets long-polls that arrive while their org's wake is due share its read of the digests", async () => {
    const { rt, first, second } = await changedWhileHeld();
    const keeper2 = poll(rt.params, { wait: "60", etag: second });
    await settle();

    // Issued the moment this process hears of the next change (the hub heard first, so its wake
    // is due), with the ETag that change makes: the wake's one read confirms them all.
    const polls: ReturnType<typeof poll>[] = [];
    const digestReads = await digestReadsDuring(async () => {
      let heard: () => void = () => {};
      const heardIt = new Promise<void>((resolve) => (heard = resolve));
      const unsubscribe = await subscribe(owner.org.id, () => {
        if (polls.length === 0)
          for (let i = 0; i < 20; i++) polls.push(poll(rt.params, { wait: "60", etag: first }));
        heard();
      });
      expect((await setBindingEnabled(rt, token, true)).status).toBe(200);
      await heardIt;
      unsubscribe();
      expect((await keeper2).headers.get("etag")).toBe(first);
      await settle();
    });
    expect(digestReads).toEqual([]);

    // Held, not answered: the next change wakes every one of them with its view.
    expect((await setBindingEnabled(rt, token, false)).status).toBe(200);
    for (const res of await Promise.all(polls)) {
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe(second);
    }
  });

  it("confirms a re-issued long-poll without a read after another runtime's wake, though none watched its runtime then", async () => {
    const [rt, other, quiet] = await Promise.all([
      runtimeWithBinding(owner, token),
      runtimeWithBinding(owner, token),
      runtimeWithBinding(owner, token),
    ]);
    const etagOf = async (params: Record<string, string>) =>
      (await poll(params)).headers.get("etag")!;
    const first = await etagOf(rt.params);
    // The quiet runtime's watch keeps the org's hub alive throughout.
    const stop = new AbortController();
    const keeper = poll(quiet.params, {
      wait: "60",
      etag: await etagOf(quiet.params),
      signal: stop.signal,
    });
    const otherWatch = poll(other.params, { wait: "60", etag: await etagOf(other.params) });
    const answered = poll(rt.params, { wait: "60", etag: first });
    await settle();
    expect((await setBindingEnabled(rt, token, false)).status).toBe(200);
    const second = (await answered).headers.get("etag")!;
    // Before the long-poll is re-issued, another runtime's change wakes the org: its read of the
    // digests comes when no watch of `rt` is left.
    expect((await setBindingEnabled(other, token, false)).status).toBe(200);
    expect((await otherWatch).status).toBe(200);
    await settle();

    let reissued: ReturnType<typeof poll> | undefined;
    const digestReads = await digestReadsDuring(async () => {
      reissued = poll(rt.params, { wait: "60", etag: second });
      await settle();
    });
    expect(digestReads).toEqual([]);
    expect((await setBindingEnabled(rt, token, true)).status).toBe(200);
    const res = await reissued!;
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(first);
    stop.abort();
    expect((await keeper).status).toBe(304);
  });

  it("confirms long-polls re-issued with no change since from the first one's own read", async () => {
    // No change, so no wake: the held watch reads the digest itself, and keeps the org's hub alive.
    const { rt, etag, stop, held: keeper } = await heldOnCurrent();

    // As long-polls that reached their end come back together: held on the first one's read.
    let answers: Awaited<ReturnType<typeof poll>>[] = [];
    const digestReads = await digestReadsDuring(async () => {
      answers = await Promise.all(
        Array.from({ length: 10 }, () => poll(rt.params, { wait: "1", etag })),
      );
    });
    expect(digestReads).toEqual([]);
    for (const res of answers) expect(res.status).toBe(304);

    // A change clears what was kept: a caller holding the old ETag gets the new view at once.
    expect((await setBindingEnabled(rt, token, false)).status).toBe(200);
    expect((await keeper).status).toBe(200);
    const late = await poll(rt.params, { wait: "60", etag });
    expect(expectBody(late, 200, resolvedConfiguration).capabilities).toEqual([]);
    stop.abort();
  });

  it("wakes for a change committed by another Node process", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const etag = (await poll(rt.params)).headers.get("etag")!;
    const waiting = poll(rt.params, { wait: "60", etag });
    await settle();
    await changeFromAnotherProcess(owner, rt, false);
    const view = expectBody(await waiting, 200, resolvedConfiguration);
    expect(view.capabilities).toEqual([]);
  });

  it("ends with 401 when the token is revoked during the wait", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const reader = await tokenFor(owner, ["read"]);
    const etag = (await poll(rt.params, { token: reader.secret })).headers.get("etag")!;
    const waiting = poll(rt.params, { wait: "60", etag, token: reader.secret });
    await settle();
    const revoked = await call(revokeToken, {
      method: "DELETE",
      params: { org: owner.org.slug, id: reader.id },
      token: (await tokenFor(owner, ["admin"])).secret,
    });
    expect(revoked.status).toBe(204);
    expectError(await waiting, 401, "authentication_error");
  });

  it("ends every wait of a revoked token at once, and none of another token's", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const other = await runtimeWithBinding(owner, token);
    const [shared, kept] = [await tokenFor(owner, ["read"]), await tokenFor(owner, ["read"])];
    const etagOf = async (params: Record<string, string>) =>
      (await poll(params, { token: kept.secret })).headers.get("etag")!;
    const [etag, otherEtag] = [await etagOf(rt.params), await etagOf(other.params)];
    // One credential, three waits on two runtimes: one auth group; the kept token's wait is another.
    const revokedWaits = [
      poll(rt.params, { wait: "60", etag, token: shared.secret }),
      poll(rt.params, { wait: "60", etag, token: shared.secret }),
      poll(other.params, { wait: "60", etag: otherEtag, token: shared.secret }),
    ];
    let keptDone = false;
    const keptWait = poll(rt.params, { wait: "60", etag, token: kept.secret }).finally(() => {
      keptDone = true;
    });
    await settle();
    const revoked = await call(revokeToken, {
      method: "DELETE",
      params: { org: owner.org.slug, id: shared.id },
      token: (await tokenFor(owner, ["admin"])).secret,
    });
    expect(revoked.status).toBe(204);
    for (const res of await Promise.all(revokedWaits))
      expectError(res, 401, "authentication_error");
    expect(keptDone).toBe(false);
    // The other token's wait still runs, and still wakes for a change.
    const patched = await setBindingEnabled(rt, token, false);
    expect(patched.status).toBe(200);
    expect(expectBody(await keptWait, 200, resolvedConfiguration).capabilities).toEqual([]);
  });

  it("ends with 404 when the runtime is deleted during the wait", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const etag = (await poll(rt.params)).headers.get("etag")!;
    const waiting = poll(rt.params, { wait: "60", etag });
    await settle();
    const deleted = await call(deleteRuntime, { method: "DELETE", params: rt.params, token });
    expect(deleted.status).toBe(204);
    expectError(await waiting, 404, "not_found_error");
  });

  it("stops waiting when the client goes away", async () => {
    const { stop, held } = await heldOnCurrent();
    stop.abort();
    expect((await held).status).toBe(304);
  });

  it("refuses a wait that is not 0 to 60 whole seconds", async () => {
    const rt = await runtimeWithBinding(owner, token);
    for (const wait of ["61", "-1", "1.5", "soon"]) {
      const err = expectError(
        await poll(rt.params, { wait, etag: '"x"' }),
        422,
        "validation_error",
      );
      expect(err.errors?.[0]?.loc).toEqual(["query", "wait"]);
    }
    expect((await poll(rt.params, { wait: "0", etag: '"x"' })).status).toBe(200);
  });
});

describe("the view shared by a runtime's watches (sharedView)", () => {
  it("reads a digest's view once for its callers, never keeps another digest's under it, and answers each change with its own view", async () => {
    const rt = await runtimeWithBinding(owner, token);
    const ctx = await workspaceCtxOf(owner);
    const id = rt.params.runtime_id!;
    const d0 = (await poll(rt.params)).headers.get("etag")!.slice(1, -1);

    const a = await sharedView(ctx, id, d0);
    expect(a.runtime_digest).toBe(d0);
    // After the first read has settled, the next caller at that digest gets the same view.
    expect(await sharedView(ctx, id, d0)).toBe(a);

    // A read asked for a digest that is not current finds the current view, and does not keep it
    // under the digest asked for: the digest may come back to it.
    const stale = await sharedView(ctx, id, "0000");
    expect(stale.runtime_digest).toBe(d0);
    expect(await sharedView(ctx, id, "0000")).not.toBe(stale);

    // Turned off: the new digest's view has no capability; turned on again: the first digest's
    // view, with its capability, at once.
    expect((await setBindingEnabled(rt, token, false)).status).toBe(200);
    const off = expectBody(await poll(rt.params, { etag: `"${d0}"` }), 200, resolvedConfiguration);
    expect(off.capabilities).toHaveLength(0);
    expect(off.runtime_digest).not.toBe(d0);
    expect((await sharedView(ctx, id, off.runtime_digest)).capabilities).toHaveLength(0);
    expect((await setBindingEnabled(rt, token, true)).status).toBe(200);
    const on = expectBody(
      await poll(rt.params, { etag: `"${off.runtime_digest}"` }),
      200,
      resolvedConfiguration,
    );
    expect(on.runtime_digest).toBe(d0);
    expect(on.capabilities).toHaveLength(1);

    // A runtime that is gone: 404, and nothing kept for it.
    expect((await call(deleteRuntime, { method: "DELETE", params: rt.params, token })).status).toBe(
      204,
    );
    await expect(sharedView(ctx, id, "0000")).rejects.toMatchObject({ kind: "not_found" });
    expectError(await poll(rt.params), 404, "not_found_error");
  });
});
