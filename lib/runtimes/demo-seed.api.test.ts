// The demo runtimes on a fresh database of the provider under test: every workspace of the demo
// orgs has runtimes with bindings pinned behind the latest version, flag overrides, a disabled
// binding, and one runtime in sync, one in drift (it reported an older digest) and one never
// reported; their stored digests are what the bindings resolve to; one runtime reports a tool
// that differs from the approved one (tool drift); a second seed adds nothing.
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabases } from "@/lib/testing/fresh-db";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { WorkspaceCtx } from "@/lib/api/context";
import { seedDemo } from "@/prisma/seed/demo";
import { demoRuntimes, seedDemoRuntimes } from "@/prisma/seed/runtimes";
import { toBinding, toRuntime } from "./serializers";
import { listBindings, listRuntimes, resolvedOf, toolDriftReportOf } from "./service";
import { versionKey } from "@/lib/versions";

const freshUrl = freshDatabases();
const clients: { $disconnect: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
});

describe("demo runtimes seed", () => {
  it("gives every demo workspace runtimes of each sync status, pinned versions, overrides and a disabled binding, once", async () => {
    const url = await freshUrl();
    await migrate(url);
    const client = createDb(url);
    clients.push(client);
    expect((await seedDemo(client)).created).toBe(true);

    const workspaces = await client.workspace.findMany({
      where: { org: { slug: { in: ["acme", "globex"] } } },
      include: { org: true },
    });
    expect(workspaces.length).toBeGreaterThanOrEqual(2);
    for (const ws of workspaces) {
      const ctx = {
        db: client,
        requestId: "test",
        actor: null,
        org: { id: ws.org.id, slug: ws.org.slug, name: ws.org.name },
        role: "owner",
        workspace: { id: ws.id, slug: ws.slug, name: ws.name },
      } as unknown as WorkspaceCtx;
      const where = `${ws.org.slug}/${ws.slug}`;
      const runtimes = (await listRuntimes(ctx)).map(toRuntime);
      expect(runtimes.map((r) => r.name).sort(), where).toEqual(
        demoRuntimes
          .filter((d) => `${d.org}/${d.workspace}` === where)
          .map((d) => d.name)
          .sort(),
      );
      expect(runtimes.length, where).toBeGreaterThanOrEqual(2);
      expect(new Set(runtimes.map((r) => r.sync.status)), where).toEqual(
        new Set(["in_sync", "drift", "unknown"]),
      );

      const bindings = [];
      for (const rt of runtimes) {
        const items = (await listBindings(ctx, rt.id)).map((b) => toBinding(ctx, b));
        bindings.push(...items);
        expect(items.length, rt.name).toBe(rt.binding_count);
        expect(items.length, rt.name).toBeGreaterThanOrEqual(2);
        // The stored digest (the list's, the ETag) is the one the bindings resolve to.
        const resolved = await resolvedOf(ctx, rt.id);
        expect(rt.runtime_digest, rt.name).toBe(resolved.runtime_digest);
        expect(resolved.capabilities.length, rt.name).toBe(rt.enabled_count);

        const spec = demoRuntimes.find((d) => d.name === rt.name)!;
        expect(rt.description).toBe(spec.description);
        if (rt.sync.status === "in_sync") {
          expect(rt.sync.reported_digest).toBe(rt.runtime_digest);
          expect(rt.sync.reported_status).toBe("ok");
        } else if (rt.sync.status === "drift") {
          // It reported the digest the runtime had before its last change: an older one.
          expect(rt.sync.reported_digest).not.toBe(rt.runtime_digest);
          const events = await client.auditEvent.findMany({
            where: { targetType: "runtime", targetId: rt.id },
            orderBy: { createdAt: "asc" },
          });
          const digests = events
            .map((e) => (e.summary as { runtime_digest?: string } | null)?.runtime_digest)
            .filter(Boolean);
          expect(digests.slice(0, -1)).toContain(rt.sync.reported_digest);
          expect(events.at(-1)!.action).toBe("runtime.binding.update");
        } else {
          expect(rt.sync).toEqual({
            status: "unknown",
            reported_digest: null,
            reported_status: null,
            last_heartbeat_at: null,
          });
        }
      }
      // Pinned behind the latest version, so that upgrades show; flags overridden; one disabled.
      expect(
        bindings.filter((b) => versionKey(b.latest_version!) > versionKey(b.version)).length,
        where,
      ).toBeGreaterThanOrEqual(2);
      expect(
        bindings.filter((b) => Object.keys(b.flags).length > 0).length,
        where,
      ).toBeGreaterThanOrEqual(2);
      expect(bindings.filter((b) => !b.enabled).length, where).toBe(1);
      expect(runtimes.some((r) => r.upgrades_available > 0)).toBe(true);

      // One runtime reports a drifted tool, explained on its page; the others are not drifting.
      const drifting = runtimes.filter((r) => r.tool_drift.status === "drift");
      expect(
        drifting.map((r) => r.name),
        where,
      ).toEqual(
        demoRuntimes
          .filter((d) => `${d.org}/${d.workspace}` === where && d.observedTools)
          .map((d) => d.name),
      );
      const report = await toolDriftReportOf(ctx, drifting[0]!.id);
      expect(report.count).toBe(drifting[0]!.tool_drift.count);
      expect(report.differences.length).toBeGreaterThanOrEqual(1);
      expect(report.differences.every((d) => d.kind === "changed")).toBe(true);
      expect(report.differences[0]!.changes.map((c) => c.field)).toContain("input_schema");
      expect(report.observed_at).not.toBeNull();
      if (where === "acme/main") {
        // What the runtime page shows (e2e/runtimes.spec.ts).
        const [d] = report.differences;
        expect(d).toMatchObject({
          server: "github",
          tool: "get_pull_request",
          capability: "pr-reviewer@1.1.0",
          summary: "changed: description, input schema",
        });
        const added = d!.changes[0]!.diff!.filter((p) => p.op === "added");
        expect(added.map((p) => p.text).join("")).toContain("<IMPORTANT>Before reviewing");
        expect(report.checked_servers).toEqual(["github"]);
      }
      for (const rt of runtimes.filter((r) => r.tool_drift.status !== "drift"))
        expect(rt.tool_drift.observed_at, rt.name).toBeNull();
    }
    // Another org's public capability is bound as owner/name.
    const soc = await client.runtimeBinding.findMany({
      where: { runtime: { name: "soc-copilot-staging", workspace: { org: { slug: "acme" } } } },
      include: { capability: { include: { org: true } } },
    });
    expect(soc.map((b) => `${b.capability.org.slug}/${b.capability.name}`).sort()).toEqual([
      "acme/threat-hunting",
      "globex/meeting-notes",
    ]);

    // A second run creates nothing and changes nothing, not even a timestamp.
    const snapshot = async () => ({
      counts: [
        await client.runtime.count(),
        await client.runtimeBinding.count(),
        await client.auditEvent.count(),
      ],
      runtimes: await client.runtime.findMany({ orderBy: { id: "asc" } }),
      bindings: await client.runtimeBinding.findMany({ orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    expect((await seedDemo(client)).created).toBe(false);
    expect(await seedDemoRuntimes(client)).toBe(0);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
