// Change notification (lib/runtimes/changes.ts): every write that may move a runtime's resolved
// digest, or end a watch, wakes the watchers of its org and no other; a rolled-back transaction
// wakes nobody; a change committed by another Node process (its own database client) wakes a
// watcher here, through PostgreSQL NOTIFY or SQLite's change counter.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { workspaceCtxOf } from "@/lib/agents/testing";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { call, newOwner, tokenFor, uid, type TestMember } from "@/lib/testing/api";
import { changeFromAnotherProcess, runtimeWithBinding } from "@/lib/testing/runtimes";
import type { OrgCtx, WorkspaceCtx } from "@/lib/api/context";
import { deleteVersion, setVisibility } from "@/lib/catalog/service";
import { revokeToken } from "@/lib/tokens/service";
import { POST as pushCapability } from "@/app/api/v1/org/[org]/capabilities/route";
import { notifyChange, subscribe } from "./changes";
import { addBinding, createRuntime, deleteRuntime, removeBinding, updateBinding } from "./service";

let owner: TestMember;
let other: TestMember;
let ctx: WorkspaceCtx;

async function push(name: string, version: string) {
  const t = (await tokenFor(owner, ["write"])).secret;
  const res = await call(pushCapability, {
    method: "POST",
    params: { org: owner.org.slug },
    token: t,
    bytes: packTarGz([
      {
        path: "capability.yaml",
        data: `schema: 1\nname: ${name}\nversion: ${version}\ndescription: Watch test\nflags:\n  verbose:\n    description: Say more\n`,
      },
      { path: "agents/a.md", data: `You help (${version}).` },
    ]),
    headers: { "content-type": "application/gzip" },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
});

/** Counts the wakes of an org's watchers; `next()` resolves at the next one (or fails after 10 s). */
async function watcher(orgId: string) {
  let count = 0;
  let waiting: (() => void) | null = null;
  stops.push(
    await subscribe(orgId, () => {
      count++;
      waiting?.();
    }),
  );
  return {
    get count() {
      return count;
    },
    next(): Promise<void> {
      const seen = count;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no wake within 10 s")), 10_000);
        waiting = () => {
          if (count === seen) return;
          clearTimeout(timer);
          waiting = null;
          resolve();
        };
      });
    },
  };
}

/** Runs `change` and waits until the watcher wakes. */
async function wakes(w: Awaited<ReturnType<typeof watcher>>, change: () => Promise<unknown>) {
  const woke = w.next();
  await change();
  await woke;
}

beforeAll(async () => {
  owner = await newOwner();
  other = await newOwner();
  ctx = await workspaceCtxOf(owner);
});

describe("change notification", () => {
  it("wakes the org's watchers on every change that moves a digest or ends a watch, and not another org's", async () => {
    const name = `watch-${uid()}`;
    await push(name, "1.0.0");
    await push(name, "1.1.0");
    await push(name, "1.2.0");
    const rt = await createRuntime(ctx, { name: `rt-${uid()}`, description: "" });
    const w = await watcher(owner.org.id);
    const elsewhere = await watcher(other.org.id);

    let bindingId = "";
    await wakes(w, async () => {
      bindingId = (await addBinding(ctx, rt.id, { name, version: "1.0.0" })).id;
    });
    await wakes(w, () => updateBinding(ctx, rt.id, bindingId, { enabled: false }));
    await wakes(w, () => updateBinding(ctx, rt.id, bindingId, { enabled: true }));
    await wakes(w, () => updateBinding(ctx, rt.id, bindingId, { flags: { verbose: true } }));
    await wakes(w, () => updateBinding(ctx, rt.id, bindingId, { version: "1.1.0" }));
    const orgCtx: OrgCtx = ctx;
    await wakes(w, () => setVisibility(orgCtx, name, true));
    await wakes(w, () => setVisibility(orgCtx, name, false));
    await wakes(w, () => deleteVersion(orgCtx, name, "1.2.0"));
    await wakes(w, () => removeBinding(ctx, rt.id, bindingId));
    await wakes(w, () => deleteRuntime(ctx, rt.id));
    const token = await tokenFor(owner, ["read"]);
    await wakes(w, () => revokeToken(orgCtx, token.id));
    expect(elsewhere.count).toBe(0);
  });

  it("wakes nobody for a transaction that rolls back", async () => {
    const w = await watcher(owner.org.id);
    await expect(
      db().$transaction(async (tx) => {
        await notifyChange(tx, owner.org.id);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // Long enough for a poll of the SQLite counter (every 100 ms) or a NOTIFY to arrive.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(w.count).toBe(0);
    // And the watcher still hears a committed change.
    await wakes(w, () => db().$transaction((tx) => notifyChange(tx, owner.org.id)));
  });

  it("hears a change committed by another Node process", async () => {
    const t = (await tokenFor(owner, ["write"])).secret;
    const rt = await runtimeWithBinding(owner, t);
    const w = await watcher(owner.org.id);
    const digest = () =>
      db()
        .runtime.findUniqueOrThrow({ where: { id: rt.params.runtime_id } })
        .then((r) => r.resolvedDigest);
    const before = await digest();
    await wakes(w, () => changeFromAnotherProcess(owner, rt, false));
    expect(await digest()).not.toBe(before);
  });

  it.runIf(db().provider === "postgresql")(
    "reconnects a lost LISTEN connection, wakes its watchers, and hears changes again",
    async () => {
      const w = await watcher(owner.org.id);
      const listeners = () =>
        db().$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'quiver-change-listener'`;
      const [before] = await listeners();
      expect(before).toBeDefined();
      // Its watchers may have missed a change while it was gone: they all wake to look again.
      await wakes(w, () => db().$queryRaw`SELECT pg_terminate_backend(${before!.pid}::int)`);
      await expect.poll(async () => (await listeners()).length, { timeout: 10_000 }).toBe(1);
      expect((await listeners())[0]!.pid).not.toBe(before!.pid);
      await wakes(w, () => db().$transaction((tx) => notifyChange(tx, owner.org.id)));
    },
  );
});
