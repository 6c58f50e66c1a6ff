// Finding runs and conversations: a run's name (default, set on create, renamed), archiving (hidden
// from the list, restored, audited, refused while live), the list's search and filters (status,
// executor, verdict, archived), its sort, and the cells' sort, score range and scenarios.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { jobCellList } from "@/lib/optimization/cell-schemas";
import { job, jobList, prompt } from "@/lib/optimization/schemas";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as compatRoute from "@/app/api/v1/optimizations/route";
import * as jobsRoute from "./route";
import * as jobRoute from "./[job_id]/route";
import * as progressRoute from "./[job_id]/progress/route";
import * as cellsRoute from "./[job_id]/cells/route";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
let promptId: string;
let promptName: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  promptName = `Refund-Helper-${uid()}`;
  const p = expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: promptName, content: "You answer refund questions." },
    }),
    201,
    prompt,
  );
  promptId = p.id;
});

const newJob = async (extra: Record<string, unknown> = {}) =>
  expectBody(
    await call(jobsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { target_kind: "prompt", prompt_id: promptId, executor: "external", ...extra },
    }),
    201,
    job,
  );

const patch = (id: string, body: unknown) =>
  call(jobRoute.PATCH, { method: "PATCH", params: { ...ws, job_id: id }, token, body });

const list = async (qs: string) =>
  expectBody(await call(jobsRoute.GET, { params: ws, token, path: `/x?${qs}` }), 200, jobList);

const progress = (id: string, body: Record<string, unknown>) =>
  call(progressRoute.POST, { method: "POST", params: { ...ws, job_id: id }, token, body });

const VARIANTS = [
  { key: "control", name: "Control", content: "You answer refund questions.", is_original: true },
  { key: "b", name: "Variant B", content: "You answer refund questions, briefly." },
];

/** Reports cells whose task completion is `tc` for the control and `tc + lift` for b, then finishes. */
async function finishWith(id: string, tc: number, lift: number) {
  const cells = ["p1", "p2", "p3", "p4", "p5"].flatMap((p, i) =>
    ["s1", "s2", "s3"].flatMap((s, k) =>
      VARIANTS.map((v) => ({
        variant: v.key,
        persona: p,
        scenario: s,
        metrics: {
          task_completion: Math.min(100, tc + (v.key === "b" ? lift : 0) + ((i + k) % 3)),
          quality: 60 + i,
          sentiment: 50 + k,
        },
      })),
    ),
  );
  expectBody(await progress(id, { variants: VARIANTS, cells, finished: true }), 200, job);
}

describe("a run's name", () => {
  it("defaults to the target and the id's first 8 characters, or is the one given", async () => {
    const plain = await newJob();
    expect(plain.name).toBe(`${promptName} · ${plain.id.slice(0, 8)}`);
    const named = await newJob({ name: "  Shorter refunds  " });
    expect(named.name).toBe("Shorter refunds");
    expect(named.archived_at).toBeNull();
  });

  it("refuses an empty or too long name on create and rename", async () => {
    const e = expectError(
      await call(jobsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { target_kind: "prompt", prompt_id: promptId, executor: "external", name: " " },
      }),
      422,
      "validation_error",
    );
    expect(e.errors?.[0]?.loc).toEqual(["body", "name"]);
    const j = await newJob();
    const r = expectError(await patch(j.id, { name: "x".repeat(201) }), 422, "validation_error");
    expect(r.errors?.[0]?.loc).toEqual(["body", "name"]);
    expectError(await patch(j.id, {}), 422, "validation_error");
    expectError(await patch(j.id, { status: "completed" }), 422, "validation_error");
  });

  it("is renamed by PATCH, audited once, and a rename to the same name changes nothing", async () => {
    const j = await newJob();
    const renamed = expectBody(await patch(j.id, { name: "Refunds v2" }), 200, job);
    expect(renamed.name).toBe("Refunds v2");
    expect(renamed.status).toBe("queued");
    expectBody(await patch(j.id, { name: "Refunds v2" }), 200, job);
    const events = await db().auditEvent.findMany({
      where: { targetId: j.id, action: "optimization.rename" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatchObject({ from: j.name, to: "Refunds v2" });
  });

  it("answers 404 for another workspace's or a missing run, and 403 for a viewer", async () => {
    const other = await newOwner();
    const otherToken = (await tokenFor(other, ["write"])).secret;
    const j = await newJob();
    const res = await call(jobRoute.PATCH, {
      method: "PATCH",
      params: { org: other.org.slug, workspace: "main", job_id: j.id },
      token: otherToken,
      body: { name: "mine" },
    });
    expectError(res, 404, "not_found_error");
    expectError(
      await patch("00000000-0000-4000-8000-000000000000", { name: "x" }),
      404,
      "not_found_error",
    );
    const viewer = await newMember(owner.org, "viewer");
    const res403 = await call(jobRoute.PATCH, {
      method: "PATCH",
      params: { ...ws, job_id: j.id },
      cookie: await sessionCookie(viewer.user.id),
      body: { name: "x" },
    });
    expectError(res403, 403, "forbidden_error");
    expect((await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } })).name).toBe(
      j.name,
    );
  });
});

describe("archiving", () => {
  it("refuses a live run, hides a finished one from the list, and restores it", async () => {
    const j = await newJob({ name: `archive-${uid()}` });
    expectError(await patch(j.id, { archived: true }), 409, "conflict_error");
    await finishWith(j.id, 60, 0);
    const archived = expectBody(await patch(j.id, { archived: true }), 200, job);
    expect(archived.archived_at).not.toBeNull();
    expect((await list(`search=${j.name}`)).jobs).toHaveLength(0);
    expect((await list(`search=${j.name}&archived=include`)).jobs.map((x) => x.id)).toEqual([j.id]);
    expect((await list("archived=only")).jobs.map((x) => x.id)).toEqual([j.id]);
    // The seeds/004 list shows every run, archived or not.
    const compatToken = (await tokenFor(owner, ["read"], { workspace: "main" })).secret;
    const compat = await call(compatRoute.GET, {
      token: compatToken,
      path: `/x?promptId=${promptId}&limit=100`,
    });
    expect((compat.json as { data: { id: string }[] }).data.map((x) => x.id)).toContain(j.id);

    const restored = expectBody(await patch(j.id, { archived: false }), 200, job);
    expect(restored.archived_at).toBeNull();
    expect((await list(`search=${j.name}`)).jobs.map((x) => x.id)).toEqual([j.id]);
    const events = await db().auditEvent.findMany({
      where: { targetId: j.id, action: { in: ["optimization.archive", "optimization.unarchive"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["optimization.archive", "optimization.unarchive"]);
  });
});

describe("the list's search and filters", () => {
  let winner: string;
  let original: string;
  let stopped: string;
  const tag = uid();

  beforeAll(async () => {
    winner = (await newJob({ name: `winner ${tag}` })).id;
    await finishWith(winner, 50, 30);
    original = (await newJob({ name: `original ${tag}` })).id;
    await finishWith(original, 80, -30);
    stopped = (await newJob({ name: `stopped ${tag}` })).id;
    await db().optimizationJob.update({ where: { id: stopped }, data: { status: "stopped" } });
  });

  it("searches the name and the target's name, ignoring case", async () => {
    expect((await list(`search=${tag.toUpperCase()}`)).jobs.map((j) => j.id).sort()).toEqual(
      [winner, original, stopped].sort(),
    );
    const byTarget = await list(`search=${promptName.toLowerCase()}&page_size=100`);
    expect(byTarget.jobs.map((j) => j.id)).toEqual(expect.arrayContaining([winner, stopped]));
    expect((await list(`search=nothing-${uid()}`)).total).toBe(0);
  });

  it("filters by verdict, status and executor", async () => {
    const ids = async (qs: string) => (await list(`search=${tag}&${qs}`)).jobs.map((j) => j.id);
    expect(await ids("verdict=winner")).toEqual([winner]);
    expect(await ids("verdict=original_won")).toEqual([original]);
    expect(await ids("verdict=inconclusive")).toEqual([]);
    expect(await ids("status=stopped")).toEqual([stopped]);
    expect((await ids("executor=external")).sort()).toEqual([winner, original, stopped].sort());
    expect(await ids("executor=builtin")).toEqual([]);
  });

  it("sorts newest first by default, oldest first, or by name, page by page", async () => {
    const ids = async (qs: string) => (await list(`search=${tag}&${qs}`)).jobs.map((j) => j.id);
    expect(await ids("")).toEqual([stopped, original, winner]);
    expect(await ids("sort=newest")).toEqual([stopped, original, winner]);
    expect(await ids("sort=oldest")).toEqual([winner, original, stopped]);
    expect(await ids("sort=name")).toEqual([original, stopped, winner]);
    expect(await ids("sort=name&page=2&page_size=2")).toEqual([winner]);
  });

  it("refuses an unknown filter value with its loc", async () => {
    for (const [qs, field] of [
      ["sort=random", "sort"],
      ["verdict=best", "verdict"],
      ["executor=robot", "executor"],
      ["archived=maybe", "archived"],
      [`search=${"x".repeat(201)}`, "search"],
    ] as const) {
      const e = expectError(
        await call(jobsRoute.GET, { params: ws, token, path: `/x?${qs}` }),
        422,
        "validation_error",
      );
      expect(e.errors?.[0]?.loc, qs).toEqual(["query", field]);
    }
  });
});

describe("the cells' sort, score range and scenarios", () => {
  let id: string;
  const cells = (qs: string) =>
    call(cellsRoute.GET, { params: { ...ws, job_id: id }, token, path: `/x?${qs}` });

  beforeAll(async () => {
    id = (await newJob()).id;
    await finishWith(id, 60, 10);
  });

  it("sorts by a metric either way, with the job's scenarios", async () => {
    const up = expectBody(await cells("sort=task_completion&limit=100"), 200, jobCellList);
    const tc = up.cells.map((c) => c.metrics.task_completion!);
    expect(tc).toEqual([...tc].sort((a, b) => a - b));
    expect(up.scenarios).toEqual(["s1", "s2", "s3"]);
    const down = expectBody(await cells("sort=-quality&limit=5"), 200, jobCellList);
    expect(down.cells.map((c) => c.metrics.quality)).toEqual([64, 64, 64, 64, 64]);
    expect(down.total).toBe(30);
  });

  it("keeps the cells within a score range on one metric, with the other filters", async () => {
    const r = expectBody(
      await cells("metric=task_completion&min_score=70&variant=b&scenario=s2"),
      200,
      jobCellList,
    );
    expect(r.total).toBeGreaterThan(0);
    for (const c of r.cells) {
      expect(c.metrics.task_completion).toBeGreaterThanOrEqual(70);
      expect([c.variant, c.scenario]).toEqual(["b", "s2"]);
    }
    const q = expectBody(await cells("metric=quality&max_score=61"), 200, jobCellList);
    expect(q.total).toBe(12);
  });

  it("refuses a range upside down, a score out of 0–100 and an unknown sort", async () => {
    for (const [qs, field] of [
      ["min_score=80&max_score=20", "max_score"],
      ["min_score=101", "min_score"],
      ["sort=-transcript", "sort"],
      ["metric=speed", "metric"],
    ] as const) {
      const e = expectError(await cells(qs), 422, "validation_error");
      expect(e.errors?.[0]?.loc, qs).toEqual(["query", field]);
    }
  });
});
