// A runtime's history (the runtime page's): its own audit events only, newest first, capped, with
// the total; another runtime's, another workspace's and the org's other events stay out.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { newOwner, type TestMember } from "@/lib/testing/api";
import { runtimeHistory } from "./history";
import { createRuntime, deleteRuntime, heartbeat, updateRuntime } from "./service";

let owner: TestMember;
// Events are ordered by their time (milliseconds): apart by a few, so that the order is the test's.
const tick = () => new Promise((r) => setTimeout(r, 5));
let ctx: WorkspaceCtx;

beforeAll(async () => {
  owner = await newOwner();
  const ws = await db().workspace.findFirstOrThrow({
    where: { orgId: owner.org.id, slug: "main" },
  });
  ctx = {
    db: db(),
    requestId: "test",
    actor: {
      type: "user",
      userId: owner.user.id,
      email: owner.user.email,
      name: owner.user.name,
      scopes: ["read", "write", "admin"],
    },
    org: owner.org,
    role: "owner",
    workspace: { id: ws.id, slug: ws.slug, name: ws.name },
  };
});

describe("runtimeHistory", () => {
  it("lists the runtime's own events, newest first, up to the limit, with the total", async () => {
    const rt = await createRuntime(ctx, { name: "history-a", description: "" });
    await tick();
    const other = await createRuntime(ctx, { name: "history-b", description: "" });
    await tick();
    await updateRuntime(ctx, rt.id, { description: "Described" });
    await tick();
    await heartbeat(ctx, rt.id, { runtime_digest: "c".repeat(64), status: "ok" });
    await deleteRuntime(ctx, other.id);

    const all = await runtimeHistory(ctx, rt.id);
    expect(all.total).toBe(3);
    expect(all.events.map((e) => e.action)).toEqual([
      "runtime.heartbeat",
      "runtime.update",
      "runtime.create",
    ]);
    expect(
      all.events.every((e) => e.target.id === rt.id && e.actor.label === owner.user.email),
    ).toBe(true);
    expect(all.events[0]!.summary).toMatchObject({
      reported_digest: "c".repeat(64),
      status: "ok",
      sync: "drift",
    });

    const capped = await runtimeHistory(ctx, rt.id, 2);
    expect(capped.total).toBe(3);
    expect(capped.events.map((e) => e.action)).toEqual(["runtime.heartbeat", "runtime.update"]);

    // Seen from another workspace of the org, it has no history.
    const staging = await db().workspace.create({
      data: { orgId: owner.org.id, slug: "staging", name: "Staging" },
    });
    expect(
      (
        await runtimeHistory(
          { ...ctx, workspace: { id: staging.id, slug: staging.slug, name: staging.name } },
          rt.id,
        )
      ).total,
    ).toBe(0);
  });
});
