// A run that finishes without a single scored cell fails, whichever executor finished it (the
// external executor's `finished` report, the built-in engine), with the reason; and a run stored
// as completed without one (before this rule) cannot be applied.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { job as jobSchema, prompt as promptSchema } from "@/lib/optimization/schemas";
import { call, expectBody, expectError, newOwner, tokenFor, uid } from "@/lib/testing/api";
import { startFakeLlm, type FakeLlm } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as jobsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/route";
import * as progressRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/progress/route";
import * as applyRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/apply/route";
import * as personasRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/route";
import { Worker } from "./engine/worker";

let fake: FakeLlm;
let token: string;
let ws: { org: string; workspace: string };
let workspaceId: string;
let personas: { id: string; name: string }[];
const workers: Worker[] = [];

beforeAll(async () => {
  fake = await startFakeLlm();
  fake.setHandler(fakeEngine());
  const owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  workspaceId = (
    await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } })
  ).id;
  await db().modelProvider.create({ data: { workspaceId, baseUrl: fake.url, model: "fake" } });
  personas = (
    (await call(personasRoute.GET, { params: ws, token })).json as {
      personas: { id: string; name: string }[];
    }
  ).personas.slice(0, 2);
});

afterAll(async () => {
  for (const w of workers) await w.kill();
  await fake.close();
});

async function newJob(executor: "external" | "builtin") {
  const p = expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `unscored-${uid()}`, content: "You answer billing questions." },
    }),
    201,
    promptSchema,
  );
  return expectBody(
    await call(jobsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: {
        target_kind: "prompt",
        prompt_id: p.id,
        executor,
        variant_count: 1,
        persona_ids: personas.map((x) => x.id),
      },
    }),
    201,
    jobSchema,
  );
}

const params = (id: string) => ({ ...ws, job_id: id });
const report = (id: string, body: Record<string, unknown>) =>
  call(progressRoute.POST, { method: "POST", params: params(id), token, body });
const apply = (id: string) =>
  call(applyRoute.POST, { method: "POST", params: params(id), token, body: {} });
const actions = async (id: string) =>
  (await db().auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map(
    (e) => e.action,
  );

const variants = [
  { key: "control", name: "Control (Original)", content: "You answer.", is_original: true },
  { key: "b", name: "Variant B", content: "You answer in steps." },
];

describe("a run with no scored cell", () => {
  it("fails when the external executor finishes it with cells that carry no score", async () => {
    const j = await newJob("external");
    const cells = variants.flatMap((v) =>
      personas.map((p) => ({ variant: v.key, persona: p.name, scenario: "s1", metrics: {} })),
    );
    expectBody(await report(j.id, { variants, cells }), 200, jobSchema);
    const done = expectBody(await report(j.id, { finished: true }), 200, jobSchema);
    expect(done).toMatchObject({
      status: "failed",
      stage: "failed",
      results: null,
      error: `Finished without a single scored cell (${j.progress.total} planned): there is nothing to compare, so no verdict.`,
      progress: { done: 4, total: j.progress.total },
    });
    expect(done.finished_at).not.toBeNull();
    expect(await actions(j.id)).toEqual([
      "optimization.create",
      "optimization.start",
      "optimization.fail",
    ]);
    expect(expectError(await apply(j.id), 409, "conflict_error").detail).toBe(
      "Cannot apply variant: optimization not complete",
    );
    // Finished: it takes no more reports.
    expectError(await report(j.id, { log: ["late"] }), 409, "conflict_error");
  });

  it("fails when finished with no cells at all, and completes with one scored cell", async () => {
    const empty = await newJob("external");
    const failed = expectBody(await report(empty.id, { variants, finished: true }), 200, jobSchema);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^Finished without a single scored cell/);

    const one = await newJob("external");
    const done = expectBody(
      await report(one.id, {
        variants,
        cells: [
          { variant: "control", persona: personas[0]!.name, scenario: "s1", metrics: {} },
          {
            variant: "b",
            persona: personas[0]!.name,
            scenario: "s1",
            metrics: { quality: 70 },
          },
        ],
        finished: true,
      }),
      200,
      jobSchema,
    );
    expect(done.status).toBe("completed");
    expect(done.results?.verdict).toBe("Inconclusive: too few cells");
  });

  it("a run stored as completed without a scored cell cannot be applied", async () => {
    const j = await newJob("external");
    await report(j.id, {
      variants,
      cells: [{ variant: "b", persona: personas[0]!.name, scenario: "s1", metrics: {} }],
    });
    // As a run finished before the rule was stored it.
    await db().optimizationJob.update({
      where: { id: j.id },
      data: { status: "completed", stage: "completed", verdict: "Inconclusive: too few cells" },
    });
    const variantId = (await db().optimizationVariant.findFirstOrThrow({
      where: { jobId: j.id, key: "b" },
    }))!.id;
    const refused = expectError(
      await call(applyRoute.POST, {
        method: "POST",
        params: params(j.id),
        token,
        body: { variant_id: variantId },
      }),
      409,
      "conflict_error",
    );
    expect(refused.detail).toBe(
      "Cannot apply variant: no cell of this optimization was scored, so it has no result",
    );
  });

  it("fails when the built-in engine finishes with nothing scored", async () => {
    const j = await newJob("builtin");
    // A plan without scenarios: the engine has no conversation to play, so nothing is scored.
    await db().optimizationJob.update({
      where: { id: j.id },
      data: { plan: { scenarios: Object.fromEntries(personas.map((p) => [p.id, []])) } },
    });
    const w = new Worker({
      db: db(),
      workspaces: [workspaceId],
      pollMs: 50,
      leaseMs: 3000,
      provider: async () => ({
        baseUrl: fake.url,
        apiKey: "sk-test-1234",
        models: { agent: "a", user: "u", judge: "j" },
        maxConcurrency: 4,
        timeoutMs: 2000,
        maxRetries: 1,
        source: "workspace",
      }),
      log: () => undefined,
    });
    workers.push(w);
    w.start();
    const until = Date.now() + 30_000;
    let row = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
    while (!["completed", "failed", "stopped"].includes(row.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      row = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
    }
    await w.stop();
    expect(row).toMatchObject({
      status: "failed",
      stage: "failed",
      error:
        "Finished without a single scored cell (0 planned): there is nothing to compare, so no verdict.",
      verdict: null,
      winnerVariantId: null,
      leaseOwner: null,
    });
    expect(await actions(j.id)).toContain("optimization.fail");
    expect(await actions(j.id)).not.toContain("optimization.complete");
    const logs = await db().optimizationLog.findMany({ where: { jobId: j.id } });
    expect(logs.map((l) => l.message).some((m) => m.startsWith("Failed: Finished without"))).toBe(
      true,
    );
  });
});
