// An external executor's progress reports are bounded by the job's own plan (lib/optimization/bounds.ts):
// within the plan (and its retry slack) they are taken; one cell, persona, transcript turn or byte,
// or log line past it is a 422 naming the bound and the count, and nothing of that report is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { job as jobSchema, prompt as promptSchema } from "@/lib/optimization/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as personasRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/route";
import * as jobsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/route";
import * as progressRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/progress/route";
import { MAX_PERSONAS_PER_JOB, TRANSCRIPT_MAX_BYTES } from "./bounds";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
let promptId: string;
let personaIds: string[];

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  promptId = expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `bounds-${uid()}`, content: "You are a support agent." },
    }),
    201,
    promptSchema,
  ).id;
  personaIds = (
    (await call(personasRoute.GET, { params: ws, token })).json as { personas: { id: string }[] }
  ).personas.map((p) => p.id);
});

/** An external job of 2 variants (control and b) × 2 personas × 3 scenarios: 12 cells planned, 16 with the slack. */
async function newJob(body: Record<string, unknown> = {}) {
  return expectBody(
    await call(jobsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: {
        target_kind: "prompt",
        prompt_id: promptId,
        executor: "external",
        variant_count: 1,
        persona_ids: personaIds.slice(0, 2),
        ...body,
      },
    }),
    201,
    jobSchema,
  );
}

const progress = (jobId: string, body: Record<string, unknown>) =>
  call(progressRoute.POST, { method: "POST", params: { ...ws, job_id: jobId }, token, body });

const variants = [
  { key: "control", name: "Original", content: "You are a support agent.", is_original: true },
  { key: "b", name: "Variant B", content: "You are a support agent. Be brief." },
];

function cell(
  variant: string,
  persona: string,
  scenario: string,
  transcript?: { role: string; content: string }[],
) {
  return {
    variant,
    persona,
    scenario,
    metrics: { task_completion: 70, quality: 60, sentiment: 50 },
    ...(transcript ? { transcript } : {}),
  };
}

/** variants × personas × scenarios cells. */
function grid(personas: string[], scenarios: string[], vs = ["control", "b"]) {
  return vs.flatMap((v) =>
    personas.flatMap((p) =>
      scenarios.map((s) =>
        cell(v, p, s, [
          { role: "user", content: `hi from ${p}` },
          { role: "assistant", content: "hello" },
        ]),
      ),
    ),
  );
}

/** What a job holds: a refused report must leave every count as it was. */
async function holdings(jobId: string) {
  const [j, variantRows, cells, logs, audit] = await Promise.all([
    db().optimizationJob.findUniqueOrThrow({ where: { id: jobId } }),
    db().optimizationVariant.count({ where: { jobId } }),
    db().optimizationCell.count({ where: { jobId } }),
    db().optimizationLog.count({ where: { jobId } }),
    db().auditEvent.count({ where: { targetId: jobId } }),
  ]);
  return {
    status: j.status,
    stage: j.stage,
    done: j.progressDone,
    usage: j.usage,
    variants: variantRows,
    cells,
    logs,
    audit,
  };
}

describe("progress reports within the job's plan", () => {
  it("takes the planned cells and the retry slack, and refuses one cell more, storing nothing of that report", async () => {
    const j = await newJob();
    const planned = grid(["Ann", "Bob"], ["s1", "s2", "s3"]);
    expect(planned).toHaveLength(12);
    const ok = expectBody(
      await progress(j.id, {
        stage: "simulating",
        variants,
        cells: planned,
        log: ["planned cells"],
      }),
      200,
      jobSchema,
    );
    expect(ok.progress.done).toBe(12);
    // Retries under new scenario names, up to the slack (a fourth scenario per persona).
    expect(
      expectBody(
        await progress(j.id, { cells: grid(["Ann", "Bob"], ["s1 retry"]) }),
        200,
        jobSchema,
      ).progress.done,
    ).toBe(16);

    const before = await holdings(j.id);
    const over = expectError(
      await progress(j.id, {
        stage: "more",
        cells: [cell("b", "Ann", "s5")],
        log: ["one too many"],
        usage: { model_calls: 5 },
      }),
      422,
      "validation_error",
    );
    expect(over.detail).toContain(
      "at most 16 (2 variant(s) × 2 persona(s) × 4 scenario(s) per persona, retries included)",
    );
    expect(over.detail).toContain("would bring it to 17");
    expect(over.errors?.[0]).toMatchObject({ loc: ["body", "cells"], type: "limit_exceeded" });
    expect(await holdings(j.id)).toEqual(before);
    // A retried report of cells already stored still counts nothing new.
    expect(
      expectBody(await progress(j.id, { cells: planned.slice(0, 3) }), 200, jobSchema).progress
        .done,
    ).toBe(16);
  });

  it("refuses a first report past the plan whole: no variants, cells, log lines, start or audit event", async () => {
    const j = await newJob();
    const before = await holdings(j.id);
    const over = expectError(
      await progress(j.id, {
        stage: "simulating",
        variants,
        cells: grid(["Ann", "Bob"], ["s1", "s2", "s3", "s4", "s5"]),
        log: ["all at once"],
      }),
      422,
      "validation_error",
    );
    expect(over.detail).toMatch(
      /at most 16 .* would bring it to 20\. Nothing from this report was stored\./,
    );
    expect(await holdings(j.id)).toEqual(before);
    expect(before).toMatchObject({ status: "queued", variants: 0, cells: 0, logs: 0 });
  });

  it("refuses personas past the job's, counting the ones already stored", async () => {
    const j = await newJob();
    await progress(j.id, { variants, cells: grid(["Ann"], ["s1"]) });
    expectBody(await progress(j.id, { cells: grid(["Bob"], ["s1"]) }), 200, jobSchema);
    const before = await holdings(j.id);
    const over = expectError(
      await progress(j.id, { cells: grid(["Cat"], ["s1"]) }),
      422,
      "validation_error",
    );
    expect(over.detail).toContain("Too many personas: this job holds at most 2");
    expect(over.detail).toContain("would bring it to 3");
    expect(await holdings(j.id)).toEqual(before);
  });

  it("refuses a variant past the job's", async () => {
    const j = await newJob();
    const over = expectError(
      await progress(j.id, {
        variants: [...variants, { key: "c", name: "Variant C", content: "other" }],
      }),
      422,
      "validation_error",
    );
    expect(over.detail).toBe(
      "The job asked for 1 variant(s) besides the original; 2 were reported",
    );
    expect((await holdings(j.id)).variants).toBe(0);
  });

  it("refuses a transcript past the job's turns (2 × max_turns + 2) or past the bytes per cell", async () => {
    const j = await newJob({ max_turns: 3 });
    const turns = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        role: i % 2 ? "assistant" : "user",
        content: `turn ${i}`,
      }));
    expectBody(
      await progress(j.id, { variants, cells: [cell("control", "Ann", "s1", turns(8))] }),
      200,
      jobSchema,
    );
    const before = await holdings(j.id);
    const long = expectError(
      await progress(j.id, {
        cells: [cell("b", "Ann", "s1", turns(4)), cell("b", "Ann", "s2", turns(9))],
      }),
      422,
      "validation_error",
    );
    expect(long.detail).toContain(
      "Cell 1's transcript has 9 turns; this job's conversations have at most 8 (2 × max_turns 3 + 2)",
    );
    expect(long.errors?.[0]?.loc).toEqual(["body", "cells", 1, "transcript"]);
    // Bytes are UTF-8 (roles included): 3 × 45,000 characters of "é" is 270,000 bytes.
    const big = [
      { role: "user", content: "é".repeat(45_000) },
      { role: "assistant", content: "é".repeat(45_000) },
      { role: "user", content: "é".repeat(45_000) },
    ];
    const heavy = expectError(
      await progress(j.id, { cells: [cell("b", "Bob", "s1", big)] }),
      422,
      "validation_error",
    );
    expect(heavy.detail).toContain(
      `Cell 0's transcript is 270017 bytes; a transcript holds at most ${TRANSCRIPT_MAX_BYTES} bytes`,
    );
    expect(await holdings(j.id)).toEqual(before);
    // Just under the bytes (129,017): taken.
    const fits = [
      { role: "user", content: "a".repeat(43_000) },
      { role: "assistant", content: "a".repeat(43_000) },
      { role: "user", content: "a".repeat(43_000) },
    ];
    expectBody(await progress(j.id, { cells: [cell("b", "Bob", "s1", fits)] }), 200, jobSchema);
  });

  it("refuses log lines past 100 plus two per cell the job may hold", async () => {
    const j = await newJob();
    // 16 cells may be held: 132 log lines.
    expectBody(
      await progress(j.id, { log: Array.from({ length: 130 }, (_, i) => `line ${i}`) }),
      200,
      jobSchema,
    );
    const before = await holdings(j.id);
    const over = expectError(
      await progress(j.id, { variants, cells: grid(["Ann"], ["s1"]), log: ["a", "b", "c"] }),
      422,
      "validation_error",
    );
    expect(over.detail).toContain("Too many log lines: this job holds at most 132");
    expect(over.detail).toContain("would bring it to 133");
    expect(over.errors?.[0]?.loc).toEqual(["body", "log"]);
    expect(await holdings(j.id)).toEqual(before);
    expectBody(await progress(j.id, { log: ["a", "b"] }), 200, jobSchema);
    const lines = await db().optimizationLog.findMany({
      where: { jobId: j.id },
      orderBy: { seq: "asc" },
      select: { seq: true },
    });
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: 132 }, (_, i) => i + 1));
  });

  it("refuses a report body over 8 MiB before reading it further", async () => {
    const j = await newJob();
    const rawBody = JSON.stringify({ log: ["x".repeat(8 * 1024 * 1024)] });
    const res = await call(progressRoute.POST, {
      method: "POST",
      params: { ...ws, job_id: j.id },
      token,
      rawBody,
    });
    expect([400, 413]).toContain(res.status);
    expect(JSON.stringify(res.json)).toContain(`${8 * 1024 * 1024} bytes`);
    expect((await holdings(j.id)).logs).toBe(0);
  });
});

describe("1,000 personas in one report", () => {
  it("a job of 2 personas refuses them with a 422, not a 500", async () => {
    const j = await newJob();
    const names = Array.from({ length: 1000 }, (_, i) => `persona ${i}`);
    const over = expectError(
      await progress(j.id, { variants, cells: names.map((p) => cell("control", p, "s1")) }),
      422,
      "validation_error",
    );
    expect(over.detail).toContain(
      "Too many personas: this job holds at most 2 (the personas the job was created with); this report would bring it to 1000",
    );
    expect((await holdings(j.id)).cells).toBe(0);
  });

  it("a job that plays 1,000 personas (created before the cap) takes them, and finds them again past SQLite's 999 parameters", async () => {
    const j = await newJob();
    // As a job stored before runs were capped at 50 personas could be.
    await db().optimizationJob.update({
      where: { id: j.id },
      data: {
        personaIds: Array.from(
          { length: 1000 },
          (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        ),
      },
    });
    const names = Array.from({ length: 1000 }, (_, i) => `persona ${i}`);
    const control = names.map((p) => cell("control", p, "s1"));
    expect(
      expectBody(await progress(j.id, { variants, cells: control }), 200, jobSchema).progress.done,
    ).toBe(1000);
    expect(
      expectBody(
        await progress(j.id, { cells: names.map((p) => cell("b", p, "s1")) }),
        200,
        jobSchema,
      ).progress.done,
    ).toBe(2000);
    // The same report again changes nothing; a contradiction in the last slice of personas is found.
    expect(expectBody(await progress(j.id, { cells: control }), 200, jobSchema).progress.done).toBe(
      2000,
    );
    const changed = { ...cell("control", "persona 999", "s1"), metrics: { task_completion: 1 } };
    expectError(
      await progress(j.id, { cells: [...control.slice(0, 999), changed] }),
      409,
      "conflict_error",
    );
    expect((await holdings(j.id)).cells).toBe(2000);
  });
});

describe("a run's personas", () => {
  it(`are at most ${MAX_PERSONAS_PER_JOB}: a workspace with more must choose them`, async () => {
    const other = await newOwner();
    const t = (await tokenFor(other, ["write"])).secret;
    const w = { org: other.org.slug, workspace: "main" };
    const p = expectBody(
      await call(promptsRoute.POST, {
        method: "POST",
        params: w,
        token: t,
        body: { name: "p", content: "x" },
      }),
      201,
      promptSchema,
    );
    const listed = (
      (await call(personasRoute.GET, { params: w, token: t })).json as {
        personas: { id: string }[];
      }
    ).personas;
    const workspaceId = (
      await db().workspace.findFirstOrThrow({ where: { orgId: other.org.id, slug: "main" } })
    ).id;
    await db().persona.createMany({
      data: Array.from({ length: MAX_PERSONAS_PER_JOB + 1 - listed.length }, (_, i) => ({
        workspaceId,
        name: `extra ${i}`,
        goals: [],
        traits: [],
      })),
    });
    const over = expectError(
      await call(jobsRoute.POST, {
        method: "POST",
        params: w,
        token: t,
        body: { target_kind: "prompt", prompt_id: p.id, executor: "external" },
      }),
      422,
      "validation_error",
    );
    expect(over.detail).toBe(
      `This workspace has ${MAX_PERSONAS_PER_JOB + 1} personas; a run plays at most ${MAX_PERSONAS_PER_JOB}: choose them with persona_ids`,
    );
    expect(over.errors?.[0]?.loc).toEqual(["body", "persona_ids"]);
    expect(await db().optimizationJob.count({ where: { workspaceId } })).toBe(0);
    expectBody(
      await call(jobsRoute.POST, {
        method: "POST",
        params: w,
        token: t,
        body: {
          target_kind: "prompt",
          prompt_id: p.id,
          executor: "external",
          persona_ids: listed.map((x) => x.id),
        },
      }),
      201,
      jobSchema,
    );
  });
});
