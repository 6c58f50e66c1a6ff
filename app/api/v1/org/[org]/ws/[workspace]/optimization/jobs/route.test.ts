// Optimization runs on the canonical surface: prompts, personas, jobs, the external executor's
// progress reports, the verdict, apply, stop, retry and promote, with their state rules.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { capabilityArtifactDetail } from "@/lib/catalog/schemas";
import {
  applyResponse,
  job,
  jobList,
  persona,
  personaList,
  prompt,
  promptVersion,
  promptVersionList,
  variantList,
} from "@/lib/optimization/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { POST as pushCapability } from "@/app/api/v1/org/[org]/capabilities/route";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as promptRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/[id]/route";
import * as versionsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/[id]/versions/route";
import * as personasRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/route";
import * as personaRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/[id]/route";
import * as jobsRoute from "./route";
import * as jobRoute from "./[job_id]/route";
import * as variantsRoute from "./[job_id]/variants/route";
import * as analysisRoute from "./[job_id]/analysis/route";
import * as logsRoute from "./[job_id]/logs/route";
import * as cancelRoute from "./[job_id]/cancel/route";
import * as retryRoute from "./[job_id]/retry/route";
import * as progressRoute from "./[job_id]/progress/route";
import * as applyRoute from "./[job_id]/apply/route";
import * as promoteRoute from "./[job_id]/promote/route";
import * as cellsRoute from "./[job_id]/cells/route";
import { analysisResponse } from "@/lib/optimization/analysis-schemas";
import { jobCellList } from "@/lib/optimization/cell-schemas";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
});

/** A deterministic score around `center` (±spread) for a cell. */
function score(center: number, spread: number, seed: string): number {
  const h = createHash("sha256").update(seed).digest();
  return Math.max(0, Math.min(100, Math.round(center + ((h[0]! / 255) * 2 - 1) * spread)));
}

const PERSONAS = ["frustrated", "newcomer", "power", "buyer", "non-native"];
const SCENARIOS = ["s1", "s2", "s3"];

function cellsFor(variant: string, tc: number, q = 70, s = 70) {
  return PERSONAS.flatMap((p) =>
    SCENARIOS.map((sc) => ({
      variant,
      persona: p,
      scenario: sc,
      metrics: {
        task_completion: score(tc, 6, `${variant}${p}${sc}tc`),
        quality: score(q, 6, `${variant}${p}${sc}q`),
        sentiment: score(s, 6, `${variant}${p}${sc}s`),
      },
      transcript: [
        { role: "user", content: `Hi from ${p}` },
        { role: "assistant", content: "Hello" },
      ],
    })),
  );
}

async function newPrompt(content = "You are a helpful support agent.") {
  return expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `prompt-${uid()}`, content, tags: ["Support"] },
    }),
    201,
    prompt,
  );
}

async function newJob(body: Record<string, unknown>) {
  return call(jobsRoute.POST, { method: "POST", params: ws, token, body });
}

const progress = (jobId: string, body: Record<string, unknown>) =>
  call(progressRoute.POST, { method: "POST", params: { ...ws, job_id: jobId }, token, body });

const variants = [
  {
    key: "control",
    name: "Control (Original)",
    content: "You are a helpful support agent.",
    is_original: true,
  },
  {
    key: "b",
    name: "Variant B",
    content:
      "You are a helpful support agent. Confirm the customer's goal first, then solve it step by step.",
  },
];

describe("personas", () => {
  it("starts a workspace with the default set, once, and edits them like any other", async () => {
    const first = expectBody(
      await call(personasRoute.GET, { params: ws, token }),
      200,
      personaList,
    );
    expect(first.personas.map((p) => p.name)).toEqual([
      "Enterprise buyer",
      "First-time user",
      "Frustrated customer",
      "Non-native speaker",
      "Power user",
    ]);
    const again = expectBody(
      await call(personasRoute.GET, { params: ws, token }),
      200,
      personaList,
    );
    expect(again.personas).toHaveLength(5);
    const created = expectBody(
      await call(personasRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "Busy parent", goals: ["Be done in two minutes"], difficulty: "hard" },
      }),
      201,
      persona,
    );
    expect(created).toMatchObject({
      name: "Busy parent",
      goals: ["Be done in two minutes"],
      traits: [],
      difficulty: "hard",
    });
    expectError(
      await call(personasRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "Busy parent" },
      }),
      409,
      "already_exists_error",
    );
    expectError(
      await call(personasRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "X", difficulty: "extreme" },
      }),
      422,
      "validation_error",
    );
    const edited = expectBody(
      await call(personaRoute.PATCH, {
        method: "PATCH",
        params: { ...ws, id: created.id },
        token,
        body: { traits: ["impatient"] },
      }),
      200,
      persona,
    );
    expect(edited.traits).toEqual(["impatient"]);
    expect(
      (
        await call(personaRoute.DELETE, {
          method: "DELETE",
          params: { ...ws, id: created.id },
          token,
        })
      ).status,
    ).toBe(204);
    expectError(
      await call(personaRoute.GET, { params: { ...ws, id: created.id }, token }),
      404,
      "not_found_error",
    );
    // Deleting a default does not bring it back.
    const buyer = first.personas.find((p) => p.name === "Enterprise buyer")!;
    await call(personaRoute.DELETE, { method: "DELETE", params: { ...ws, id: buyer.id }, token });
    expect(
      expectBody(
        await call(personasRoute.GET, { params: ws, token }),
        200,
        personaList,
      ).personas.map((p) => p.name),
    ).not.toContain("Enterprise buyer");
    // The runs below play five personas (a job holds cells of as many personas as it plays).
    expectBody(
      await call(personasRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "Busy parent" },
      }),
      201,
      persona,
    );
  });
});

describe("prompts", () => {
  it("creates a prompt with version 1 active, adds versions, and switches the active one", async () => {
    const p = await newPrompt("First text");
    expect(p).toMatchObject({
      status: "draft",
      tags: ["support"],
      version_count: 1,
      active_version: { number: 1, content: "First text", source: { type: "manual" } },
    });
    const v2 = expectBody(
      await call(versionsRoute.POST, {
        method: "POST",
        params: { ...ws, id: p.id },
        token,
        body: { content: "Second text", note: "tighter" },
      }),
      201,
      promptVersion,
    );
    expect(v2.number).toBe(2);
    const v3 = expectBody(
      await call(versionsRoute.POST, {
        method: "POST",
        params: { ...ws, id: p.id },
        token,
        body: { content: "Draft text", activate: false },
      }),
      201,
      promptVersion,
    );
    let got = expectBody(
      await call(promptRoute.GET, { params: { ...ws, id: p.id }, token }),
      200,
      prompt,
    );
    expect(got.active_version?.number).toBe(2);
    expect(got.version_count).toBe(3);
    got = expectBody(
      await call(promptRoute.PATCH, {
        method: "PATCH",
        params: { ...ws, id: p.id },
        token,
        body: { active_version_id: v3.id, status: "active" },
      }),
      200,
      prompt,
    );
    expect(got).toMatchObject({ status: "active", active_version: { number: 3 } });
    const list = expectBody(
      await call(versionsRoute.GET, { params: { ...ws, id: p.id }, token }),
      200,
      promptVersionList,
    );
    expect(list.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    const other = await newPrompt();
    expectError(
      await call(promptRoute.PATCH, {
        method: "PATCH",
        params: { ...ws, id: other.id },
        token,
        body: { active_version_id: v2.id },
      }),
      422,
      "validation_error",
    );
    expectError(
      await call(promptsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: p.name, content: "x" },
      }),
      409,
      "already_exists_error",
    );
    expectError(
      await call(promptsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "no content" },
      }),
      422,
      "validation_error",
    );
  });
});

describe("optimization jobs", () => {
  it("creates an external job against a prompt with defaults, all personas, and a progress total", async () => {
    const p = await newPrompt();
    const j = expectBody(await newJob({ target_kind: "prompt", prompt_id: p.id }), 201, job);
    expect(j).toMatchObject({
      original_content: "You are a helpful support agent.",
      status: "queued",
      target_kind: "prompt",
      prompt_id: p.id,
      mode: "exploratory",
      variant_count: 3,
      executor: "external",
      stage: "queued",
      results: null,
      is_demo: false,
    });
    expect(j.persona_ids).toHaveLength(
      await db().persona.count({ where: { workspace: { orgId: owner.org.id, slug: "main" } } }),
    );
    expect(j.progress).toEqual({ done: 0, total: 4 * j.persona_ids.length * 3 });
    expect(
      await db().auditEvent.count({ where: { targetId: j.id, action: "optimization.create" } }),
    ).toBe(1);
    const listed = expectBody(
      await call(jobsRoute.GET, { path: `/x?status=queued&prompt_id=${p.id}`, params: ws, token }),
      200,
      jobList,
    );
    expect(listed.jobs.map((x) => x.id)).toEqual([j.id]);
  });

  it("refuses bad input with 422s that name the field, and an unknown prompt with 404", async () => {
    const missing = expectError(await newJob({ target_kind: "prompt" }), 422, "validation_error");
    expect(missing.errors?.[0]?.loc).toEqual(["body", "prompt_id"]);
    const agent = expectError(
      await newJob({ target_kind: "capability_agent", capability_ref: { name: "x" } }),
      422,
      "validation_error",
    );
    expect(agent.errors?.map((e) => e.loc)).toEqual([["body", "agent_name"]]);
    const p = await newPrompt();
    expectError(
      await newJob({ target_kind: "prompt", prompt_id: p.id, variant_count: 6 }),
      422,
      "validation_error",
    );
    expectError(
      await newJob({ target_kind: "prompt", prompt_id: p.id, mode: "thorough" }),
      422,
      "validation_error",
    );
    const persona = expectError(
      await newJob({
        target_kind: "prompt",
        prompt_id: p.id,
        persona_ids: ["00000000-0000-4000-8000-000000000000"],
      }),
      422,
      "validation_error",
    );
    expect(persona.errors?.[0]?.loc).toEqual(["body", "persona_ids", 0]);
    const builtin = expectError(
      await newJob({ target_kind: "prompt", prompt_id: p.id, executor: "builtin" }),
      422,
      "validation_error",
    );
    expect(builtin.detail).toContain("QUIVER_LLM_BASE_URL");
    expectError(
      await newJob({ target_kind: "prompt", prompt_id: "00000000-0000-4000-8000-000000000000" }),
      404,
      "not_found_error",
    );
  });

  it("takes progress reports idempotently, refuses contradictions, and completes with a winner", async () => {
    const p = await newPrompt();
    const j = expectBody(
      await newJob({
        target_kind: "prompt",
        prompt_id: p.id,
        mode: "exploratory",
        variant_count: 1,
        intent: { target_improvements: ["task completion"] },
      }),
      201,
      job,
    );
    // Nothing scored yet: no statistics, which is a 200 with `analysis: null`, not an error.
    expect(
      expectBody(
        await call(analysisRoute.GET, { params: { ...ws, job_id: j.id }, token }),
        200,
        analysisResponse,
      ),
    ).toEqual({ analysis: null });
    const first = {
      stage: "simulating",
      variants,
      cells: cellsFor("control", 60).slice(0, 5),
      log: ["started"],
    };
    const running = expectBody(await progress(j.id, first), 200, job);
    expect(running).toMatchObject({
      status: "running",
      stage: "simulating",
      progress: { done: 5 },
    });
    expect(running.started_at).not.toBeNull();
    // The same call again changes nothing (but its log lines are new lines).
    expect(
      expectBody(await progress(j.id, { variants, cells: first.cells }), 200, job).progress.done,
    ).toBe(5);
    // A contradiction is refused, and nothing of that call is stored.
    const changed = {
      ...first.cells[0]!,
      metrics: { task_completion: 1, quality: 1, sentiment: 1 },
    };
    expectError(
      await progress(j.id, { cells: [cellsFor("b", 80)[0], changed] }),
      409,
      "conflict_error",
    );
    expect(await db().optimizationCell.count({ where: { jobId: j.id } })).toBe(5);
    expectError(
      await progress(j.id, { variants: [{ ...variants[1]!, content: "other" }] }),
      409,
      "conflict_error",
    );
    const unknown = expectError(
      await progress(j.id, { cells: [{ ...first.cells[0]!, variant: "z" }] }),
      422,
      "validation_error",
    );
    expect(unknown.errors?.[0]?.loc).toEqual(["body", "cells", 0, "variant"]);
    expectError(
      await progress(j.id, { cells: [{ ...first.cells[0]!, metrics: { task_completion: 101 } }] }),
      422,
      "validation_error",
    );
    expectError(
      await progress(j.id, { variants: [{ key: "c", name: "C", content: "c" }] }),
      422,
      "validation_error",
    );
    // Before it completes, apply is refused.
    const early = expectError(
      await call(applyRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
    expect(early.detail).toBe("Cannot apply variant: optimization not complete");

    const done = expectBody(
      await progress(j.id, {
        cells: [...cellsFor("control", 60), ...cellsFor("b", 80)],
        log: ["scored"],
        usage: { model_calls: 90 },
        finished: true,
      }),
      200,
      job,
    );
    expect(done.status).toBe("completed");
    expect(done.progress).toEqual({ done: 30, total: 30 });
    expect(done.results?.winner_selected).toBe(true);
    expect(done.results?.lift).toBeGreaterThan(20);
    expect(done.results?.confidence).toBeGreaterThan(0.95);
    expect(done.results?.verdict).toMatch(/won/);
    expect(done.usage).toEqual({ model_calls: 90 });
    const vs = expectBody(
      await call(variantsRoute.GET, { params: { ...ws, job_id: j.id }, token }),
      200,
      variantList,
    );
    expect(vs.variants.map((v) => [v.key, v.is_original, v.is_winner, v.cells])).toEqual([
      ["control", true, false, 15],
      ["b", false, true, 15],
    ]);
    expect(done.results?.winning_variant_id).toBe(vs.variants[1]!.id);
    const { analysis } = expectBody(
      await call(analysisRoute.GET, { params: { ...ws, job_id: j.id }, token }),
      200,
      analysisResponse,
    );
    expect(analysis).toMatchObject({
      control: "control",
      primary_metric: "task_completion",
      verdict: { kind: "winner", winner: "b" },
    });
    const logs = (await call(logsRoute.GET, { params: { ...ws, job_id: j.id }, token })).json as {
      logs: { seq: number; message: string }[];
    };
    expect(logs.logs.map((l) => l.message)).toEqual(["started", "scored"]);
    expectError(await progress(j.id, { log: ["late"] }), 409, "conflict_error");
    const actions = (
      await db().auditEvent.findMany({ where: { targetId: j.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["optimization.create", "optimization.start", "optimization.complete"]);

    // Apply the winner: a new active prompt version, recorded; applying again changes nothing.
    const applied = expectBody(
      await call(applyRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      200,
      applyResponse,
    );
    expect(applied).toMatchObject({
      success: true,
      prompt_id: p.id,
      applied_variant_id: vs.variants[1]!.id,
      prompt_version: {
        number: 2,
        content: variants[1]!.content,
        source: { type: "optimization", job_id: j.id },
      },
    });
    const again = expectBody(
      await call(applyRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      200,
      applyResponse,
    );
    expect(again.prompt_version?.id).toBe(applied.prompt_version?.id);
    expect(
      expectBody(await call(promptRoute.GET, { params: { ...ws, id: p.id }, token }), 200, prompt)
        .active_version?.content,
    ).toBe(variants[1]!.content);
    // Stop of a finished job is refused; so is promote of a prompt job.
    expectError(
      await call(cancelRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
    expectError(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
  });

  it("says when the original won, and refuses to apply without a winner unless a variant is named", async () => {
    const p = await newPrompt();
    const j = expectBody(
      await newJob({ target_kind: "prompt", prompt_id: p.id, variant_count: 1 }),
      201,
      job,
    );
    const done = expectBody(
      await progress(j.id, {
        variants,
        cells: [...cellsFor("control", 80), ...cellsFor("b", 55)],
        finished: true,
      }),
      200,
      job,
    );
    expect(done.results).toMatchObject({ winner_selected: false, winning_variant_id: null });
    expect(done.results?.verdict).toMatch(/^Original won/);
    expectError(
      await call(applyRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
    const vs = expectBody(
      await call(variantsRoute.GET, { params: { ...ws, job_id: j.id }, token }),
      200,
      variantList,
    );
    const named = expectBody(
      await call(applyRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: { variant_id: vs.variants[1]!.id },
      }),
      200,
      applyResponse,
    );
    expect(named.applied_variant_id).toBe(vs.variants[1]!.id);
  });

  it("stops a running job, refuses stopping it twice, and retries it as a new job", async () => {
    const p = await newPrompt();
    const j = expectBody(await newJob({ target_kind: "prompt", prompt_id: p.id }), 201, job);
    await progress(j.id, { stage: "generating" });
    const stopped = expectBody(
      await call(cancelRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: { reason: "wrong base prompt" },
      }),
      200,
      job,
    );
    expect(stopped).toMatchObject({ status: "stopped", stop_reason: "wrong base prompt" });
    expectError(
      await call(cancelRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
    expectError(await progress(j.id, { stage: "simulating" }), 409, "conflict_error");
    const retried = expectBody(
      await call(retryRoute.POST, { method: "POST", params: { ...ws, job_id: j.id }, token }),
      201,
      job,
    );
    expect(retried).toMatchObject({
      status: "queued",
      retry_of: j.id,
      prompt_id: p.id,
      variant_count: j.variant_count,
    });
    expectError(
      await call(retryRoute.POST, { method: "POST", params: { ...ws, job_id: retried.id }, token }),
      409,
      "conflict_error",
    );
  });

  it("fails a job when the executor reports an error", async () => {
    const p = await newPrompt();
    const j = expectBody(await newJob({ target_kind: "prompt", prompt_id: p.id }), 201, job);
    const failed = expectBody(
      await progress(j.id, { error: "judge model refused the key" }),
      200,
      job,
    );
    expect(failed).toMatchObject({ status: "failed", error: "judge model refused the key" });
  });

  it("reads cells with their scores and transcripts, filtered by variant and persona, page by page", async () => {
    const p = await newPrompt();
    const j = expectBody(
      await newJob({ target_kind: "prompt", prompt_id: p.id, variant_count: 1 }),
      201,
      job,
    );
    const cells = (q: string) =>
      call(cellsRoute.GET, { path: `/x${q}`, params: { ...ws, job_id: j.id }, token });
    // Before any report: an empty page, not an error.
    expect(expectBody(await cells(""), 200, jobCellList)).toMatchObject({
      cells: [],
      total: 0,
      total_pages: 1,
      has_next: false,
    });
    const reported = [...cellsFor("control", 60), ...cellsFor("b", 80)];
    reported[0]!.transcript = [
      { role: "user", content: "My invoice is wrong" },
      { role: "assistant", content: "Let me look." },
      { role: "user", content: "Thanks" },
    ];
    await progress(j.id, { variants, cells: reported });

    const all = expectBody(await cells("?limit=100"), 200, jobCellList);
    expect(all.total).toBe(30);
    // Ordered by persona, scenario, then variant: the control and the candidate of a scenario side by side.
    expect(all.cells.slice(0, 2).map((c) => [c.persona, c.scenario, c.variant])).toEqual([
      ["buyer", "s1", "b"],
      ["buyer", "s1", "control"],
    ]);
    const first = all.cells.find(
      (c) => c.variant === "control" && c.persona === "frustrated" && c.scenario === "s1",
    )!;
    expect(first.transcript).toEqual(reported[0]!.transcript);
    expect(first.metrics).toEqual({
      task_completion: reported[0]!.metrics.task_completion,
      quality: reported[0]!.metrics.quality,
      sentiment: reported[0]!.metrics.sentiment,
    });

    const page2 = expectBody(
      await cells("?variant=b&persona=power&limit=2&page=2"),
      200,
      jobCellList,
    );
    expect(page2).toMatchObject({
      total: 3,
      page: 2,
      limit: 2,
      total_pages: 2,
      has_next: false,
      has_previous: true,
    });
    expect(page2.cells.map((c) => [c.variant, c.persona, c.scenario])).toEqual([
      ["b", "power", "s3"],
    ]);
    expect(expectBody(await cells("?persona=nobody"), 200, jobCellList).total).toBe(0);
    expectError(await cells("?limit=101"), 422, "validation_error");
    // Another org cannot read them.
    const stranger = await newOwner();
    const t = (await tokenFor(stranger, ["read"])).secret;
    expectError(
      await call(cellsRoute.GET, {
        params: { org: stranger.org.slug, workspace: "main", job_id: j.id },
        token: t,
      }),
      404,
      "not_found_error",
    );
  });

  it("keeps jobs to their workspace: another org's job is a 404", async () => {
    const p = await newPrompt();
    const j = expectBody(await newJob({ target_kind: "prompt", prompt_id: p.id }), 201, job);
    const stranger = await newOwner();
    const t = (await tokenFor(stranger, ["write"])).secret;
    expectError(
      await call(jobRoute.GET, {
        params: { org: stranger.org.slug, workspace: "main", job_id: j.id },
        token: t,
      }),
      404,
      "not_found_error",
    );
    expectError(
      await call(progressRoute.POST, {
        method: "POST",
        params: { org: stranger.org.slug, workspace: "main", job_id: j.id },
        token: t,
        body: { stage: "x" },
      }),
      404,
      "not_found_error",
    );
    expectError(
      await call(jobRoute.GET, { params: { ...ws, job_id: "not-a-uuid" }, token }),
      422,
      "validation_error",
    );
  });
});

describe("promote (seeds/000)", () => {
  const agentFile =
    "---\nname: triage\ndescription: Sorts tickets\nmodel: claude-sonnet-4-5\n---\nYou sort tickets by urgency.\n";

  async function capabilityJob() {
    const name = `promo-${uid()}`;
    const files = {
      "capability.yaml": `schema: 1\nname: ${name}\nversion: 1.2.0\ndescription: Ticket triage\nlicense: MIT\n`,
      "agents/triage.md": agentFile,
      "tools/lookup.py": '"""Looks tickets up."""\n',
      "README.md": "# Triage\n",
    };
    const res = await call(pushCapability, {
      method: "POST",
      params: { org: owner.org.slug },
      token,
      bytes: packTarGz(Object.entries(files).map(([path, data]) => ({ path, data }))),
      headers: { "content-type": "application/gzip" },
    });
    const source = capabilityArtifactDetail.parse(res.json);
    const j = expectBody(
      await newJob({
        target_kind: "capability_agent",
        capability_ref: { name },
        agent_name: "triage",
        variant_count: 1,
      }),
      201,
      job,
    );
    expect(j).toMatchObject({
      target_kind: "capability_agent",
      capability_ref: { name, version: "1.2.0" },
      agent_name: "triage",
    });
    expect(
      (await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } })).originalContent,
    ).toBe("You sort tickets by urgency.\n");
    return { name, source, job: j };
  }

  const winner = {
    key: "b",
    name: "Variant B",
    content: "You sort tickets by urgency, then by customer tier. Say why.\n",
  };

  it("makes the winner a new version: agent body replaced, frontmatter kept, other files identical, origin recorded", async () => {
    const { name, source, job: j } = await capabilityJob();
    expectError(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
    await progress(j.id, {
      variants: [
        {
          key: "control",
          name: "Control (Original)",
          content: "You sort tickets by urgency.\n",
          is_original: true,
        },
        winner,
      ],
      cells: [...cellsFor("control", 55), ...cellsFor("b", 85)],
      finished: true,
    });
    const res = await call(promoteRoute.POST, {
      method: "POST",
      params: { ...ws, job_id: j.id },
      token,
      body: {},
    });
    const v = expectBody(res, 201, capabilityArtifactDetail);
    expect(v).toMatchObject({ name, version: "1.2.1", versions: ["1.2.1", "1.2.0"] });
    expect(v.origin).toMatchObject({
      type: "promotion",
      job_id: j.id,
      source: { name, version: "1.2.0" },
      variant: { key: "b" },
      promoted_by: { email: owner.user.email },
    });
    expect((v.origin as { lift: number }).lift).toBeGreaterThan(0);
    const before = new Map(source.file_manifest.map((f) => [f.path, f.sha256]));
    for (const f of v.file_manifest) {
      if (f.path === "agents/triage.md" || f.path === "capability.yaml")
        expect(f.sha256).not.toBe(before.get(f.path));
      else expect(f.sha256).toBe(before.get(f.path));
    }
    const agentBlob = await db().blob.findUniqueOrThrow({
      where: { sha256: v.file_manifest.find((f) => f.path === "agents/triage.md")!.sha256 },
    });
    expect(Buffer.from(agentBlob.data).toString("utf8")).toBe(
      "---\nname: triage\ndescription: Sorts tickets\nmodel: claude-sonnet-4-5\n---\n" +
        winner.content,
    );
    expect(v.component_details.find((c) => c.type === "agent")).toMatchObject({
      name: "triage",
      description: "Sorts tickets",
    });
    expect(
      (await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } })).promotedVersionId,
    ).toBe(v.id);
    // Twice: the version exists now (the seed's already_exists_error), with the job's id in upper case as seeds/000 writes ids.
    const twice = expectError(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id.toUpperCase() },
        token,
        body: {},
      }),
      409,
      "already_exists_error",
    );
    expect(twice.detail).toContain("1.2.1 already exists");
    // Another version number is fine only while the job has not been promoted: it has.
    expectError(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: { version: "2.0.0" },
      }),
      409,
      "conflict_error",
    );
    expect(
      await db().capabilityVersion.count({ where: { capability: { orgId: owner.org.id, name } } }),
    ).toBe(2);
  });

  it("promotes under a new name and version when asked, and refuses a job without a winner", async () => {
    const { job: j } = await capabilityJob();
    await progress(j.id, {
      variants: [
        {
          key: "control",
          name: "Control (Original)",
          content: "You sort tickets by urgency.\n",
          is_original: true,
        },
        winner,
      ],
      cells: [...cellsFor("control", 55), ...cellsFor("b", 85)],
      finished: true,
    });
    const forked = `fork-${uid()}`;
    const v = expectBody(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: { name: forked, version: "0.1.0" },
      }),
      201,
      capabilityArtifactDetail,
    );
    expect(v).toMatchObject({ name: forked, version: "0.1.0" });
    expectError(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: { version: "not-semver" },
      }),
      422,
      "validation_error",
    );

    const { job: lost } = await capabilityJob();
    await progress(lost.id, {
      variants: [
        {
          key: "control",
          name: "Control (Original)",
          content: "You sort tickets by urgency.\n",
          is_original: true,
        },
        winner,
      ],
      cells: [...cellsFor("control", 80), ...cellsFor("b", 60)],
      finished: true,
    });
    const none = expectError(
      await call(promoteRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: lost.id },
        token,
        body: {},
      }),
      409,
      "conflict_error",
    );
    expect(none.detail).toContain("no winner");
  });
});
