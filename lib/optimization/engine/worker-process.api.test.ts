// A real worker process (`npm run worker`, scripts/worker.ts) killed with SIGKILL mid-run: its lease
// expires, another worker resumes the job from the cells already scored and finishes it, and no
// stored cell is judged again.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { job as jobSchema, prompt as promptSchema } from "@/lib/optimization/schemas";
import { call, expectBody, newOwner, tokenFor, uid } from "@/lib/testing/api";
import { startFakeLlm, type FakeLlm } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as jobsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/route";
import * as personasRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/route";
import { Worker } from "./worker";

let fake: FakeLlm;
beforeAll(async () => {
  const engine = fakeEngine({ strategyQuality: { "clarify constraints": 85 } });
  fake = await startFakeLlm(async (req) => ({ ...(await engine(req)), delayMs: 10 }));
});
afterAll(() => fake.close());

const judgments = () =>
  fake.requests.filter((r) => r.body.response_format?.json_schema?.name === "judgment").length;

it(
  "a worker process killed mid-run is replaced and the job finishes with no cell scored twice",
  { timeout: 90_000 },
  async () => {
    const owner = await newOwner();
    const token = (await tokenFor(owner, ["write"])).secret;
    const ws = { org: owner.org.slug, workspace: "main" };
    const workspaceId = (
      await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } })
    ).id;
    await db().modelProvider.create({
      data: { workspaceId, baseUrl: fake.url, model: "fake-model", maxConcurrency: 4 },
    });
    const personas = (
      (await call(personasRoute.GET, { params: ws, token })).json as { personas: { id: string }[] }
    ).personas
      .slice(0, 2)
      .map((p) => p.id);
    const p = expectBody(
      await call(promptsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `proc-${uid()}`, content: "You are a support agent." },
      }),
      201,
      promptSchema,
    );
    const j = expectBody(
      await call(jobsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: {
          target_kind: "prompt",
          prompt_id: p.id,
          executor: "builtin",
          variant_count: 2,
          persona_ids: personas,
        },
      }),
      201,
      jobSchema,
    );

    const root = path.resolve(import.meta.dirname, "../../..");
    // node itself (not the tsx wrapper, which would outlive a SIGKILL as an orphan).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: root,
      env: {
        ...process.env,
        QUIVER_WORKER_WORKSPACES: workspaceId,
        QUIVER_WORKER_LEASE_MS: "1500",
        QUIVER_LOG_LEVEL: "silent",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on("exit", (code, signal) => resolve(signal ?? code)),
    );
    try {
      for (let i = 0; (await db().optimizationCell.count({ where: { jobId: j.id } })) < 4; i++) {
        if (i > 600) throw new Error(`the worker process scored nothing in 30 s:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      child.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");
    await new Promise((r) => setTimeout(r, 300)); // what it sent before dying lands at the fake
    const kept = await db().optimizationCell.findMany({
      where: { jobId: j.id },
      select: { id: true, variantKey: true, persona: true, scenario: true },
    });
    const before = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
    expect(before.status).toBe("running");
    expect(before.leaseOwner).toContain(`:${child.pid}:`);
    const judgedBefore = judgments();

    const worker = new Worker({
      db: db(),
      workspaces: [workspaceId],
      pollMs: 100,
      leaseMs: 1500,
      log: () => undefined,
    }).start();
    try {
      for (let i = 0; ; i++) {
        const job = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
        if (job.status !== "running" && job.status !== "queued") break;
        if (i > 1200) throw new Error("the job did not finish after the takeover");
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
    const job = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
    expect(job.status, job.error ?? "").toBe("completed");
    expect(job.attempts).toBe(2);
    expect(job.leaseOwner).toBeNull();
    const cells = await db().optimizationCell.findMany({
      where: { jobId: j.id },
      select: { id: true, variantKey: true, persona: true, scenario: true },
    });
    expect(cells).toHaveLength(3 * 2 * 3);
    for (const k of kept) expect(cells).toContainEqual(k);
    expect(judgments() - judgedBefore).toBe(cells.length - kept.length);
  },
);
