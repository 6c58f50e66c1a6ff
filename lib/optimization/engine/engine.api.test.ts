// The built-in engine end to end, on the database under test, against a fake OpenAI-compatible
// provider over real HTTP (lib/testing/fake-llm.ts answering as lib/testing/fake-engine.ts):
// jobs created through the API, claimed and run by real Workers; outcomes, faults, a worker killed
// mid-run, stop, the attempt limit, the per-workspace limit and concurrent claims.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { job as jobSchema, prompt as promptSchema } from "@/lib/optimization/schemas";
import { call, expectBody, newOwner, tokenFor, uid, type TestMember } from "@/lib/testing/api";
import { faults, startFakeLlm, type FakeHandler, type FakeLlm } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import type { ProviderConfig } from "@/lib/llm/types";
import type { Analysis } from "@/lib/optimization/stats";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as jobsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/route";
import * as cancelRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/cancel/route";
import * as personasRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/route";
import { Worker } from "./worker";

let fake: FakeLlm;
let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
let workspaceId: string;
let personaIds: string[];
const workers: Worker[] = [];

const provider = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
  baseUrl: fake.url,
  apiKey: "sk-test-1234",
  models: { agent: "agent-m", user: "user-m", judge: "judge-m" },
  maxConcurrency: 8,
  timeoutMs: 2000,
  maxRetries: 2,
  source: "workspace",
  ...over,
});

function worker(
  over: Partial<ConstructorParameters<typeof Worker>[0]> = {},
  cfg: Partial<ProviderConfig> = {},
) {
  const w = new Worker({
    db: db(),
    workspaces: [workspaceId],
    pollMs: 50,
    leaseMs: 3000,
    provider: async () => provider(cfg),
    log: () => undefined,
    ...over,
  });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  fake = await startFakeLlm();
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  workspaceId = (
    await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } })
  ).id;
  // The built-in executor must be configured for the job to be accepted: a workspace provider row.
  await db().modelProvider.create({
    data: { workspaceId, baseUrl: fake.url, model: "fake-model" },
  });
  const list = (await call(personasRoute.GET, { params: ws, token })).json as {
    personas: { id: string; name: string }[];
  };
  personaIds = list.personas.slice(0, 2).map((p) => p.id);
});

afterAll(async () => {
  for (const w of workers) await w.kill();
  await fake.close();
});

async function newJob(body: Record<string, unknown> = {}) {
  const p = await expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: {
        name: `engine-${uid()}`,
        content: "You are a support agent for Acme. Answer billing questions.",
      },
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
        executor: "builtin",
        mode: "exploratory",
        variant_count: 2,
        persona_ids: personaIds,
        intent: { target_improvements: ["task completion"] },
        ...body,
      },
    }),
    201,
    jobSchema,
  );
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finished = (id: string) =>
  waitFor(
    `job ${id} to finish`,
    async () => {
      const j = await db().optimizationJob.findUniqueOrThrow({ where: { id } });
      return ["completed", "failed", "stopped"].includes(j.status) ? j : null;
    },
    60_000,
  );

const logs = async (id: string) =>
  (await db().optimizationLog.findMany({ where: { jobId: id }, orderBy: { seq: "asc" } })).map(
    (l) => l.message,
  );

/** Runs one job alone: installs the handler, starts a worker, waits for the end. */
async function runAlone(
  handler: FakeHandler,
  body: Record<string, unknown> = {},
  cfg: Partial<ProviderConfig> = {},
) {
  fake.setHandler(handler);
  const j = await newJob(body);
  const w = worker({}, cfg).start();
  const done = await finished(j.id);
  await w.stop();
  return done;
}

describe("built-in engine", () => {
  it("a variant built to be better wins with high confidence, confirmed on the held-out pool", async () => {
    const before = fake.requests.length;
    const job = await runAlone(fakeEngine({ strategyQuality: { "clarify constraints": 85 } }), {
      mode: "validation",
      variant_count: 2,
    });
    expect(job.status, job.error ?? "").toBe("completed");
    const variants = await db().optimizationVariant.findMany({
      where: { jobId: job.id },
      orderBy: { key: "asc" },
    });
    expect(variants.map((v) => [v.key, v.strategy, v.isOriginal])).toEqual([
      ["b", "clarify constraints", false],
      ["c", "add worked examples", false],
      ["control", null, true],
    ]);
    expect(variants.find((v) => v.key === "b")!.rationale).toBe("Applied clarify constraints.");
    expect(job.winnerVariantId).toBe(variants.find((v) => v.key === "b")!.id);
    expect(job.confidence!).toBeGreaterThanOrEqual(0.95);
    const analysis = job.analysis as unknown as Analysis;
    expect(analysis.holdout).toMatchObject({ variant: "b", confirmed: true, cells: 8 });
    expect(job.verdict).toMatch(/^Variant b won: .* confirmed on the held-out scenarios$/);
    // Every cell once: 3 variants × 2 personas × 8 scenarios, plus control and b on 2 × 4 held-out ones.
    const cells = await db().optimizationCell.findMany({ where: { jobId: job.id } });
    expect(cells.filter((c) => !c.heldOut)).toHaveLength(48);
    expect(cells.filter((c) => c.heldOut)).toHaveLength(16);
    expect(new Set(cells.filter((c) => c.heldOut).map((c) => c.variantKey))).toEqual(
      new Set(["control", "b"]),
    );
    expect(job.progressDone).toBe(64);
    expect(job.progressTotal).toBe(64);
    // The same scenarios for every variant; multi-turn transcripts ending when the goal is met.
    const byVariant = (k: string) =>
      cells
        .filter((c) => c.variantKey === k && !c.heldOut)
        .map((c) => `${c.persona}/${c.scenario}`)
        .sort();
    expect(byVariant("b")).toEqual(byVariant("control"));
    const t = cells[0]!.transcript as { role: string; content: string }[];
    expect(t.map((x) => x.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    // Usage counted; the lease released; the plan kept with the prompt files' versions.
    const usage = job.usage as Record<string, number>;
    const calls = fake.requests.length - before;
    expect(usage.model_calls).toBe(calls);
    expect(usage.prompt_tokens).toBe(calls * 10);
    expect(job.leaseOwner).toBeNull();
    expect((job.plan as { prompt_files: Record<string, number> }).prompt_files).toEqual({
      variant: 1,
      scenarios: 1,
      "simulated-user": 1,
      judge: 1,
    });
    expect((await logs(job.id)).at(-1)).toMatch(/^Completed: Variant b won/);
  });

  it("asks for structured output and hides the variant from the judge", async () => {
    const from = fake.requests.length;
    const job = await runAlone(fakeEngine({ strategyQuality: { "clarify constraints": 85 } }), {
      variant_count: 1,
    });
    expect(job.status).toBe("completed");
    const reqs = fake.requests.slice(from);
    const judged = reqs.filter((r) => r.body.response_format?.json_schema?.name === "judgment");
    expect(judged.length).toBeGreaterThan(0);
    for (const r of judged) {
      expect(r.body.response_format.type).toBe("json_schema");
      expect(r.body.model).toBe("judge-m");
      const text = JSON.stringify(r.body.messages);
      expect(text).not.toMatch(/control|Variant b|clarify constraints|Original/);
    }
    expect(
      reqs.filter((r) => !r.body.response_format).every((r) => r.body.model === "agent-m"),
    ).toBe(true);
    expect(
      reqs
        .filter((r) => r.body.response_format?.json_schema?.name === "user_turn")
        .every((r) => r.body.model === "user-m"),
    ).toBe(true);
  });

  it("variants identical in quality are inconclusive", async () => {
    const job = await runAlone(fakeEngine(), { variant_count: 2 });
    expect(job.status).toBe("completed");
    expect(job.winnerVariantId).toBeNull();
    expect(job.verdict).toMatch(/^(Inconclusive|Original won)/);
  });

  it("a variant identical to the original is written again", async () => {
    const job = await runAlone(fakeEngine({ identicalFirst: ["clarify constraints"] }), {
      variant_count: 1,
    });
    expect(job.status).toBe("completed");
    const b = await db().optimizationVariant.findFirstOrThrow({
      where: { jobId: job.id, key: "b" },
    });
    expect(b.content).not.toBe(job.originalContent);
    expect(
      (await logs(job.id)).some((l) =>
        /Variant b .* came back identical to the original; asking again/.test(l),
      ),
    ).toBe(true);
  });

  it("rides out 429 with Retry-After, a 500 and malformed JSON", async () => {
    const engine = fakeEngine({ strategyQuality: { "clarify constraints": 85 } });
    const job = await runAlone(
      faults.sequence(
        [
          { status: 429, headers: { "retry-after": "1" } },
          { status: 500 },
          { content: "this is not JSON at all" },
        ],
        engine,
      ),
      { variant_count: 1 },
    );
    expect(job.status, job.error ?? "").toBe("completed");
    const lines = await logs(job.id);
    expect(lines.some((l) => /retrying in 1\.0 s/.test(l))).toBe(true);
    expect((job.usage as Record<string, number>).retries).toBeGreaterThanOrEqual(2);
  });

  it("a provider that fails every call fails the job with a clear error", async () => {
    const job = await runAlone(() => ({ status: 503, error: "overloaded" }), {}, { maxRetries: 1 });
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/503/);
    expect(job.error).toContain(fake.url);
    expect((await logs(job.id)).at(-1)).toMatch(/^Failed: /);
    const audit = await db().auditEvent.findFirst({
      where: { targetId: job.id, action: "optimization.fail" },
    });
    expect(audit).not.toBeNull();
  });

  it("a refused key fails the job at once, saying so", async () => {
    const from = fake.requests.length;
    const job = await runAlone(() => ({ status: 401, error: "Incorrect API key provided" }));
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/refused the API key/);
    expect(job.error).not.toContain("sk-test-1234");
    // No retries on a refused key; the variants' calls run concurrently, nothing after them.
    expect(fake.requests.length - from).toBeLessThanOrEqual(2);
  });

  it("an unreachable provider fails the job naming it", async () => {
    fake.setHandler(fakeEngine());
    const j = await newJob();
    const w = worker({}, { baseUrl: "http://127.0.0.1:9/v1", maxRetries: 1 }).start();
    const job = await finished(j.id);
    await w.stop();
    expect(job.status).toBe("failed");
    expect(job.error).toContain("http://127.0.0.1:9/v1");
  });

  it("a provider on a private address fails the job without a single call unless the operator allows it (QUIVER_LLM_ALLOWED_HOSTS)", async () => {
    const allowed = process.env.QUIVER_LLM_ALLOWED_HOSTS;
    delete process.env.QUIVER_LLM_ALLOWED_HOSTS;
    resetEnvCache();
    try {
      fake.setHandler(fakeEngine());
      const from = fake.requests.length;
      const j = await newJob();
      const w = worker({}, { maxRetries: 3 }).start();
      const job = await finished(j.id);
      await w.stop();
      expect(job.status).toBe("failed");
      expect(job.error).toContain(
        `Could not connect to the model provider at ${fake.url} (refused: the address is private; an operator can allow it with QUIVER_LLM_ALLOWED_HOSTS)`,
      );
      expect(fake.requests.length - from).toBe(0);
    } finally {
      if (allowed === undefined) delete process.env.QUIVER_LLM_ALLOWED_HOSTS;
      else process.env.QUIVER_LLM_ALLOWED_HOSTS = allowed;
      resetEnvCache();
    }
  });

  it("a provider key that cannot be decrypted refuses built-in runs clearly and leaves external ones alone", async () => {
    const other = await newOwner();
    const otherToken = (await tokenFor(other, ["write"])).secret;
    const params = { org: other.org.slug, workspace: "main" };
    const wsId = (
      await db().workspace.findFirstOrThrow({ where: { orgId: other.org.id, slug: "main" } })
    ).id;
    await db().modelProvider.create({
      data: {
        workspaceId: wsId,
        baseUrl: fake.url,
        model: "m",
        apiKeyCiphertext: "v1:not-a-real-ciphertext-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        apiKeyLast4: "abcd",
      },
    });
    const p = expectBody(
      await call(promptsRoute.POST, {
        method: "POST",
        params,
        token: otherToken,
        body: { name: `k-${uid()}`, content: "You help." },
      }),
      201,
      promptSchema,
    );
    const body = { target_kind: "prompt", prompt_id: p.id, variant_count: 1 };
    const refused = await call(jobsRoute.POST, {
      method: "POST",
      params,
      token: otherToken,
      body: { ...body, executor: "builtin" },
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.json)).toContain("cannot be decrypted");
    const external = expectBody(
      await call(jobsRoute.POST, {
        method: "POST",
        params,
        token: otherToken,
        body: { ...body, executor: "external" },
      }),
      201,
      jobSchema,
    );
    expect(external.executor).toBe("external");
  });

  it("a provider removed after the job was queued fails it, saying how to configure one, and keeps its usage", async () => {
    const j = await newJob();
    await db().optimizationJob.update({
      where: { id: j.id },
      data: { usage: { model_calls: 7, prompt_tokens: 70, completion_tokens: 35, retries: 0 } },
    });
    const w = worker({ provider: async () => null }).start();
    const job = await finished(j.id);
    await w.stop();
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(
      /^No model provider is configured: set one in Settings → Model provider/,
    );
    expect(job.usage).toEqual({
      model_calls: 7,
      prompt_tokens: 70,
      completion_tokens: 35,
      retries: 0,
    });
  });

  it("a worker killed mid-run: another resumes the job from its scored cells, none scored twice", async () => {
    // Slow answers, so that the kill lands mid-run.
    const engine = fakeEngine({ strategyQuality: { "clarify constraints": 85 } });
    fake.setHandler(async (req) => ({ ...(await engine(req)), delayMs: 5 }));
    const j = await newJob({ variant_count: 2 });
    const a = worker({ leaseMs: 1000 }).start();
    await waitFor(
      "some cells",
      async () => (await db().optimizationCell.count({ where: { jobId: j.id } })) >= 5,
    );
    await a.kill();
    // Requests a sent before it died may still be landing at the fake.
    await new Promise((r) => setTimeout(r, 200));
    const judgedBefore = fake.requests.filter(
      (r) => r.body.response_format?.json_schema?.name === "judgment",
    ).length;
    const kept = await db().optimizationCell.findMany({
      where: { jobId: j.id },
      select: { id: true, variantKey: true, persona: true, scenario: true, createdAt: true },
    });
    expect((await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } })).status).toBe(
      "running",
    );

    const b = worker({ leaseMs: 1000 }).start();
    const job = await finished(j.id);
    await b.stop();
    expect(job.status, job.error ?? "").toBe("completed");
    expect(job.attempts).toBe(2);
    const cells = await db().optimizationCell.findMany({
      where: { jobId: j.id },
      select: { id: true, variantKey: true, persona: true, scenario: true, createdAt: true },
    });
    expect(cells).toHaveLength(3 * 2 * 3);
    for (const k of kept) expect(cells).toContainEqual(k);
    // Worker b judged only the cells a had not stored.
    const judgedAfter =
      fake.requests.filter((r) => r.body.response_format?.json_schema?.name === "judgment").length -
      judgedBefore;
    expect(judgedAfter).toBe(cells.length - kept.length);
    expect((await logs(j.id)).some((l) => /^Resuming \(attempt 2\)/.test(l))).toBe(true);
    const variants = await db().optimizationVariant.count({ where: { jobId: j.id } });
    expect(variants).toBe(3);
  });

  it("stop mid-run is honoured within seconds and keeps the scored cells", async () => {
    const engine = fakeEngine();
    fake.setHandler(async (req) => ({ ...(await engine(req)), delayMs: 20 }));
    const j = await newJob({ mode: "validation", variant_count: 3 });
    const w = worker().start();
    await waitFor(
      "some cells",
      async () => (await db().optimizationCell.count({ where: { jobId: j.id } })) >= 3,
    );
    const stoppedAt = Date.now();
    expectBody(
      await call(cancelRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: j.id },
        token,
        body: { reason: "enough" },
      }),
      200,
      jobSchema,
    );
    await waitFor("the worker to let go", async () => w.activeJobs.length === 0, 5000);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    const n = await db().optimizationCell.count({ where: { jobId: j.id } });
    expect(n).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(await db().optimizationCell.count({ where: { jobId: j.id } })).toBe(n);
    const job = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
    expect(job.status).toBe("stopped");
    expect(job.stopReason).toBe("enough");
    await w.stop();
  });

  it("a job whose lease expired too many times fails with the reason", async () => {
    const j = await newJob();
    await db().optimizationJob.update({
      where: { id: j.id },
      data: {
        status: "running",
        attempts: 3,
        leaseOwner: "dead-worker",
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    const w = worker({ maxAttempts: 3 });
    expect(await w.claim()).toBeNull();
    const job = await db().optimizationJob.findUniqueOrThrow({ where: { id: j.id } });
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/stopped responding .* on 3 attempt\(s\)/);
  });

  it("claims are exclusive across workers, and a workspace runs at most its limit", async () => {
    const jobs = await Promise.all([newJob(), newJob(), newJob()]);
    const ids = new Set(jobs.map((j) => j.id));
    const claimers = Array.from({ length: 5 }, () => worker({ workspaceLimit: 2 }));
    const claimed = (await Promise.all(claimers.map((w) => w.claim()))).filter(
      (x): x is string => x !== null && ids.has(x),
    );
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBeLessThanOrEqual(2);
    // The rest queue; with the limit reached no further claim succeeds. (Racing claimers that
    // all saw the workspace over its limit all hand back, so fewer may hold one; then a later
    // claim may succeed, still within the limit.)
    const extra = await worker({ workspaceLimit: 2 }).claim();
    if (claimed.length === 2) expect(extra).toBeNull();
    const running = [...claimed, ...(extra ? [extra] : [])];
    expect(running.every((id) => ids.has(id))).toBe(true);
    expect(running.length).toBeLessThanOrEqual(2);
    const rows = await db().optimizationJob.findMany({ where: { id: { in: [...ids] } } });
    expect(rows.filter((r) => r.status === "running").length).toBe(running.length);
    expect(rows.filter((r) => r.status === "queued").length).toBe(3 - running.length);
    await db().optimizationJob.updateMany({
      where: { id: { in: [...ids] } },
      data: { status: "stopped", leaseOwner: null },
    });
  });
});
