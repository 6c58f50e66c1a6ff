// The demo agents on a fresh database of the provider under test: every demo workspace has 2–3
// agents, each with several releases in increasing versions (one deployed, the rest archived,
// by the org's demo users, spread over past weeks), capabilities from the demo catalog (one
// another org's public one), MCP clients with a placeholder secret that is stored encrypted and
// never serialized, a heartbeat and an evaluator; one draft per workspace holds undeployed
// changes; a second seed adds nothing.
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabases } from "@/lib/testing/fresh-db";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { WorkspaceCtx } from "@/lib/api/context";
import { decryptSecret } from "@/lib/crypto/secrets";
import { seedDemo } from "@/prisma/seed/demo";
import { demoAgents, seedDemoAgents } from "@/prisma/seed/agents";
import { listAgents } from "./agents";
import { compatRelease } from "./compat-schemas";
import { compareVersions } from "@/lib/versions";
import type { StoredMcpClient } from "./config";
import { getDraft } from "./drafts";
import { diffReleases, getRelease, listReleases } from "./releases";
import {
  agent as agentSchema,
  draft as draftSchema,
  release as releaseSchema,
  releaseDiff,
  releaseSummary,
} from "./schemas";
import {
  toAgent,
  toCompatRelease,
  toDraft,
  toRelease,
  toReleaseDiff,
  toReleaseSummary,
} from "./serializers";
import type { StoredRelease } from "./store";

const freshUrl = freshDatabases();
const clients: { $disconnect: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
});

const DAY = 86_400_000;

/** Every placeholder secret the demo agents are given, in plain. */
function demoSecrets(): string[] {
  return demoAgents
    .flatMap((a) =>
      a.base.mcpClients.flatMap((c) => [
        c.authentication?.accessToken,
        c.authentication?.refreshToken,
      ]),
    )
    .filter((s): s is string => typeof s === "string");
}

describe("demo agents seed", () => {
  it("gives every demo workspace agents with a release history, one changed draft and sealed secrets, once", async () => {
    const url = await freshUrl();
    await migrate(url);
    const client = createDb(url);
    clients.push(client);
    expect((await seedDemo(client)).created).toBe(true);

    const secrets = demoSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    expect(secrets.every((s) => s.includes("not-real"))).toBe(true);
    const serialized: unknown[] = [];
    const now = Date.now();

    const workspaces = await client.workspace.findMany({
      where: { org: { slug: { in: ["acme", "globex"] } } },
      include: { org: true },
    });
    expect(workspaces.length).toBeGreaterThanOrEqual(2);
    let publicRefs = 0;
    let heartbeats = 0;
    let evaluators = 0;
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
      const agents = await listAgents(ctx);
      expect(agents.map((a) => a.name).sort(), where).toEqual(
        demoAgents
          .filter((d) => `${d.org}/${d.workspace}` === where)
          .map((d) => d.name)
          .sort(),
      );
      expect(agents.length, where).toBeGreaterThanOrEqual(2);
      expect(agents.length, where).toBeLessThanOrEqual(3);
      serialized.push(...agents.map((a) => agentSchema.parse(toAgent(a))));

      const members = new Set(
        (await client.membership.findMany({ where: { orgId: ws.org.id } })).map((m) => m.userId),
      );
      const authors = new Set<string>();
      for (const a of agents) {
        const spec = demoAgents.find((d) => d.name === a.name)!;
        expect(a.description).toBe(spec.description);
        const { releases, total } = await listReleases(ctx, a.id, { limit: 100, offset: 0 });
        expect(total, a.name).toBe(spec.releases.length);
        expect(releases.length, a.name).toBeGreaterThanOrEqual(3);
        expect(a.releaseCount).toBe(total);

        // Newest first: versions and dates strictly decreasing; the newest is the one deployed.
        const versions = releases.map((r) => r.version!);
        for (let i = 1; i < versions.length; i++) {
          expect(
            compareVersions(versions[i - 1]!, versions[i]!),
            `${a.name}: ${versions.join(" ")}`,
          ).toBe(1);
          expect(releases[i - 1]!.createdAt.getTime()).toBeGreaterThan(
            releases[i]!.createdAt.getTime(),
          );
        }
        expect(versions.at(-1)).toBe("1.0.0");
        for (const [i, r] of spec.releases.entries())
          if (r.version) expect(versions[versions.length - 1 - i], a.name).toBe(r.version);
        expect(releases.map((r) => r.status)).toEqual([
          "deployed",
          ...releases.slice(1).map(() => "archived"),
        ]);
        expect(a.deployed?.id).toBe(releases[0]!.id);
        // Each release was drafted from the one before it.
        expect(releases.map((r) => r.parentId)).toEqual([
          ...releases.slice(1).map((r) => r.id),
          null,
        ]);
        // Spread over past weeks, each deployed when it was created, by a member of the org.
        expect(now - releases.at(-1)!.createdAt.getTime(), a.name).toBeGreaterThan(14 * DAY);
        expect(now - releases[0]!.createdAt.getTime(), a.name).toBeGreaterThan(DAY);
        expect(new Set(releases.map((r) => r.createdAt.toISOString().slice(0, 10))).size).toBe(
          releases.length,
        );
        for (const r of releases) {
          expect(r.deployedAt?.getTime()).toBe(r.createdAt.getTime());
          expect(members.has(r.userId!), `${a.name} ${r.version}`).toBe(true);
          authors.add(r.userId!);
          expect(r.description.length).toBeGreaterThan(10);
        }
        expect(a.createdAt.getTime()).toBeLessThan(releases.at(-1)!.createdAt.getTime());
        serialized.push(...releases.map((r) => releaseSummary.parse(toReleaseSummary(r))));

        // Full releases, canonical and seeds/003 shapes.
        for (const r of releases) {
          const full = (await getRelease(ctx, r.id, a.id)) as StoredRelease;
          serialized.push(
            releaseSchema.parse(toRelease(full)),
            compatRelease.parse(toCompatRelease(full)),
          );
          const caps = (full.capabilities as { slug: string }[]).map((c) => c.slug);
          if (caps.some((s) => s.includes("/"))) publicRefs++;
        }
        const deployed = (await getRelease(ctx, releases[0]!.id)) as StoredRelease;
        if (deployed.heartbeat) heartbeats++;
        if ((deployed.evaluator as { rubric?: string } | null)?.rubric) evaluators++;
        expect((deployed.mcpClients as unknown[]).length).toBeGreaterThan(0);

        // The draft, and what it changes against the deployed release.
        const draft = await getDraft(ctx, a.id);
        serialized.push(draftSchema.parse(toDraft(draft)));
        expect(draft.parentId).toBe(releases[0]!.id);
        expect(a.draftChanged, a.name).toBe(Boolean(spec.draft));
        expect(draft.changed, a.name).toBe(Boolean(spec.draft));
        const diff = await diffReleases(ctx, a.id, "deployed", "draft");
        serialized.push(releaseDiff.parse(toReleaseDiff(diff)));
        if (spec.draft) {
          expect(diff.changes.map((c) => c.field).sort()).toEqual(["systemPrompt", "temperature"]);
          expect(diff.changes.find((c) => c.field === "systemPrompt")!.textDiff?.diff).toMatch(
            /^\+/m,
          );
          expect(draft.updatedAt.getTime()).toBeGreaterThan(releases[0]!.createdAt.getTime());
          expect(now - draft.updatedAt.getTime()).toBeLessThan(3 * DAY);
        } else {
          expect(diff.changes).toEqual([]);
        }
        const history = await diffReleases(ctx, a.id, releases.at(-1)!.id, releases[0]!.id);
        expect(history.changes.length, a.name).toBeGreaterThan(0);
        serialized.push(releaseDiff.parse(toReleaseDiff(history)));
      }
      expect(agents.filter((a) => a.draftChanged).length, where).toBe(1);
      if (ws.org.slug === "globex") expect(authors.size, where).toBeGreaterThanOrEqual(2);
    }
    expect(publicRefs).toBeGreaterThan(0);
    expect(heartbeats).toBeGreaterThan(0);
    expect(evaluators).toBeGreaterThan(0);

    // Secrets: stored encrypted (and decryptable), shown redacted, never in plain anywhere we serve or log.
    const rows = await client.release.findMany();
    const sealed = rows
      .flatMap((r) => (r.mcpClients as unknown as StoredMcpClient[]).map((c) => c.authentication))
      .filter((x) => x);
    expect(sealed.length).toBeGreaterThan(0);
    const opened = sealed.map((s) => JSON.stringify(JSON.parse(decryptSecret(s!.ciphertext))));
    for (const secret of secrets)
      expect(
        opened.some((o) => o.includes(secret)),
        secret,
      ).toBe(true);
    const out = JSON.stringify(serialized);
    expect(out).toContain("••••1234");
    const audit = JSON.stringify(
      await client.auditEvent.findMany({ where: { targetType: "agent" } }),
    );
    for (const secret of secrets) {
      expect(out).not.toContain(secret);
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }

    // A second run creates nothing and changes nothing, not even a timestamp.
    const snapshot = async () => ({
      counts: [
        await client.agent.count(),
        await client.release.count(),
        await client.auditEvent.count(),
      ],
      agents: await client.agent.findMany({ orderBy: { id: "asc" } }),
      releases: await client.release.findMany({ orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    expect((await seedDemo(client)).created).toBe(false);
    expect(await seedDemoAgents(client)).toBe(0);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
