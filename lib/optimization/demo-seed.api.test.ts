// The demo optimization runs on a fresh database of the provider under test: every demo workspace
// has prompts with two versions and runs reported through the external-executor services, marked
// as demo, with each kind of outcome (a winner, inconclusive, the original won, stopped, and a
// capability-agent winner that can be promoted), deterministic scores and 2–4-turn transcripts;
// a second seed adds nothing.
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabases } from "@/lib/testing/fresh-db";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { WorkspaceCtx } from "@/lib/api/context";
import { seedDemo } from "@/prisma/seed/demo";
import { demoOptimization, scriptedCells, seedDemoOptimization } from "@/prisma/seed/optimization";
import { jobVariants, listJobs } from "./job/read";
import { listPrompts, listPromptVersions } from "./prompts";
import { toJob } from "./serializers";
import type { Analysis } from "./stats";

const freshUrl = freshDatabases();
const clients: { $disconnect: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
});

describe("demo optimization seed", () => {
  it("gives every demo workspace prompts and demo runs of each outcome, deterministic, once", async () => {
    const url = await freshUrl();
    await migrate(url);
    const client = createDb(url);
    clients.push(client);
    expect((await seedDemo(client)).created).toBe(true);

    for (const area of demoOptimization) {
      const ws = await client.workspace.findFirstOrThrow({
        where: { slug: area.workspace, org: { slug: area.org } },
        include: { org: true },
      });
      const ctx = {
        db: client,
        requestId: "test",
        actor: null,
        org: { id: ws.org.id, slug: ws.org.slug, name: ws.org.name },
        role: "owner",
        workspace: { id: ws.id, slug: ws.slug, name: ws.name },
      } as unknown as WorkspaceCtx;
      const where = `${area.org}/${area.workspace}`;

      // Prompts: 2–3, each with two versions, the second active.
      const { prompts } = await listPrompts(ctx, { page: 1, limit: 100 });
      expect(prompts.length, where).toBeGreaterThanOrEqual(2);
      expect(prompts.length, where).toBeLessThanOrEqual(3);
      for (const p of prompts) {
        const versions = await listPromptVersions(ctx, p.id);
        expect(
          versions.map((v) => v.number),
          p.name,
        ).toEqual([2, 1]);
        expect(p.active?.number, p.name).toBe(2);
      }

      const { jobs } = await listJobs(ctx, { page: 1, page_size: 100 });
      expect(jobs.length, where).toBe(area.runs.length);
      expect(
        jobs.every((j) => j.isDemo && j.executor === "external"),
        where,
      ).toBe(true);
      const kinds = new Map<string, string>();
      for (const j of jobs) {
        const spec = area.runs.find(
          (r) => r.hypothesis === (j.intent as { hypothesis: string }).hypothesis,
        )!;
        expect(spec, j.id).toBeDefined();
        const analysis = j.analysis as unknown as Analysis | null;
        if (spec.kind === "stopped") {
          expect(j.status).toBe("stopped");
          expect(j.stopReason).toBe(spec.stop!.reason);
          expect(j.progressDone).toBe(spec.stop!.cells);
          kinds.set("stopped", j.id);
          continue;
        }
        expect(j.status, spec.id).toBe("completed");
        const expected = {
          winner: "winner",
          capability_winner: "winner",
          inconclusive: "inconclusive",
          original_won: "original_won",
        }[spec.kind];
        expect(analysis?.verdict.kind, `${spec.id}: ${j.verdict}`).toBe(expected);
        expect(j.progressDone).toBe(j.progressTotal);
        kinds.set(spec.kind, j.id);
        if (spec.kind === "capability_winner") {
          // Promote can be tried: completed, a winner, not promoted, the agent's text as the control.
          expect(toJob(j)).toMatchObject({
            target_kind: "capability_agent",
            promoted_version_id: null,
            results: { winner_selected: true },
          });
          const { variants } = await jobVariants(ctx, j.id);
          expect(variants.find((v) => v.isOriginal)?.content).toBe(j.originalContent);
          expect(j.originalContent).not.toMatch(/^---/);
        }
      }
      expect([...kinds.keys()].sort(), where).toEqual([
        "capability_winner",
        "inconclusive",
        "original_won",
        "stopped",
        "winner",
      ]);

      // Scores are the scripted ones (a hash, not chance), and transcripts have 2–4 turns.
      const winner = jobs.find((j) => j.id === kinds.get("winner"))!;
      const spec = area.runs.find((r) => r.kind === "winner")!;
      const personas = (
        await client.persona.findMany({
          where: { id: { in: winner.personaIds as string[] } },
          orderBy: { name: "asc" },
        })
      ).map((p) => p.name);
      const expectedCells = scriptedCells(spec, personas);
      const stored = await client.optimizationCell.findMany({ where: { jobId: winner.id } });
      expect(stored.length).toBe(expectedCells.length);
      for (const c of expectedCells) {
        const s = stored.find(
          (x) => x.variantKey === c.variant && x.persona === c.persona && x.scenario === c.scenario,
        )!;
        expect([s.taskCompletion, s.quality, s.sentiment]).toEqual([
          c.metrics.task_completion,
          c.metrics.quality,
          c.metrics.sentiment,
        ]);
        const turns = s.transcript as { role: string }[];
        expect(turns.length).toBeGreaterThanOrEqual(2);
        expect(turns.length).toBeLessThanOrEqual(4);
        expect(turns[0]!.role).toBe("user");
      }
    }
    // The verdicts are the same on every seed: the numbers come from hashes.
    const verdicts = (
      await client.optimizationJob.findMany({
        where: { status: "completed" },
        select: { verdict: true },
      })
    )
      .map((j) => j.verdict)
      .sort();
    expect(verdicts).toContain("Variant b won: +14.4% task completion, 99% confidence");
    expect(verdicts).toContain("Inconclusive: c regresses sentiment");

    // A second run creates nothing and changes nothing.
    const snapshot = async () => [
      await client.prompt.count(),
      await client.promptVersion.count(),
      await client.optimizationJob.count(),
      await client.optimizationVariant.count(),
      await client.optimizationCell.count(),
      await client.optimizationLog.count(),
      await client.auditEvent.count(),
      await client.persona.count(),
    ];
    const before = await snapshot();
    expect((await seedDemo(client)).created).toBe(false);
    expect(await seedDemoOptimization(client)).toBe(0);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
