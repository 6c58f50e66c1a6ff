// A model that answers with NUL characters and lone UTF-16 surrogates (which PostgreSQL's text and
// jsonb, and both databases' drivers, refuse): the built-in engine still completes the run, and
// what it stores (variants, scenarios, transcripts, judge notes, log lines) has U+FFFD in their
// place, on both databases.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { job as jobSchema, prompt as promptSchema } from "@/lib/optimization/schemas";
import { call, expectBody, newOwner, tokenFor, uid } from "@/lib/testing/api";
import { startFakeLlm, type FakeHandler, type FakeLlm } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import * as promptsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as jobsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/route";
import * as personasRoute from "@/app/api/v1/org/[org]/ws/[workspace]/personas/route";
import { Worker } from "./worker";

let fake: FakeLlm;
let worker: Worker | null = null;
const allowed = process.env.QUIVER_LLM_ALLOWED_HOSTS;

beforeAll(async () => {
  fake = await startFakeLlm();
  // The fake provider listens on loopback, which only an operator's allow list opens.
  process.env.QUIVER_LLM_ALLOWED_HOSTS = "127.0.0.1";
  resetEnvCache();
});

afterAll(async () => {
  await worker?.kill();
  await fake.close();
  if (allowed === undefined) delete process.env.QUIVER_LLM_ALLOWED_HOSTS;
  else process.env.QUIVER_LLM_ALLOWED_HOSTS = allowed;
  resetEnvCache();
});

const BAD = "\u0000 and \uD800";

/** The fake engine, with NUL and a lone surrogate in every answer: agent text, and strings of structured ones. */
function unstorable(): FakeHandler {
  const engine = fakeEngine({ strategyQuality: { "clarify constraints": 85 } });
  return async (req) => {
    const reply = await engine(req);
    if (!req.body.response_format) return { ...reply, content: `${reply.content} ${BAD}` };
    const out = JSON.parse(reply.content!) as Record<string, unknown>;
    if (typeof out.rationale === "string") out.rationale += ` ${BAD}`;
    if (typeof out.message === "string") out.message += ` ${BAD}`;
    if (Array.isArray(out.scenarios))
      for (const s of out.scenarios as { context: string }[]) s.context += ` ${BAD}`;
    return { ...reply, content: JSON.stringify(out) };
  };
}

it("a model answering NUL and lone surrogates: the run completes and stores U+FFFD in their place", async () => {
  fake.setHandler(unstorable());
  const owner = await newOwner();
  const token = (await tokenFor(owner, ["write"])).secret;
  const ws = { org: owner.org.slug, workspace: "main" };
  const workspaceId = (
    await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } })
  ).id;
  await db().modelProvider.create({
    data: { workspaceId, baseUrl: fake.url, model: "fake-model" },
  });
  const personas = (await call(personasRoute.GET, { params: ws, token })).json as {
    personas: { id: string }[];
  };
  const p = expectBody(
    await call(promptsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `nul-${uid()}`, content: "You are a support agent." },
    }),
    201,
    promptSchema,
  );
  const created = expectBody(
    await call(jobsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: {
        target_kind: "prompt",
        prompt_id: p.id,
        executor: "builtin",
        variant_count: 1,
        persona_ids: [personas.personas[0]!.id],
        max_turns: 2,
      },
    }),
    201,
    jobSchema,
  );
  worker = new Worker({
    db: db(),
    workspaces: [workspaceId],
    pollMs: 50,
    leaseMs: 3000,
    log: () => undefined,
    provider: async () => ({
      baseUrl: fake.url,
      apiKey: "sk-test-1234",
      models: { agent: "agent-m", user: "user-m", judge: "judge-m" },
      maxConcurrency: 4,
      timeoutMs: 2000,
      maxRetries: 0,
      source: "workspace",
    }),
  }).start();
  const until = Date.now() + 30_000;
  let job = await db().optimizationJob.findUniqueOrThrow({ where: { id: created.id } });
  while (!["completed", "failed", "stopped"].includes(job.status) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    job = await db().optimizationJob.findUniqueOrThrow({ where: { id: created.id } });
  }
  await worker.stop();
  expect(job.status, job.error ?? "").toBe("completed");

  const cells = await db().optimizationCell.findMany({ where: { jobId: job.id } });
  expect(cells).toHaveLength(2 * 3);
  const stored = JSON.stringify({
    cells,
    plan: job.plan,
    variants: await db().optimizationVariant.findMany({ where: { jobId: job.id } }),
    logs: await db().optimizationLog.findMany({ where: { jobId: job.id } }),
  });
  expect(stored).not.toMatch(/\\u0000|\\ud800/i);
  for (const c of cells) {
    const t = c.transcript as { role: string; content: string }[];
    expect(t.find((x) => x.role === "assistant")!.content).toContain("\uFFFD and \uFFFD");
    expect(t[0]!.content).toContain("\uFFFD and \uFFFD");
    expect(c.judgeNote).toContain("\uFFFD and \uFFFD");
  }
  const variant = await db().optimizationVariant.findFirstOrThrow({
    where: { jobId: job.id, key: "b" },
  });
  expect(variant.rationale).toContain("\uFFFD and \uFFFD");
  expect(JSON.stringify(job.plan)).toContain("\uFFFD and \uFFFD");
});
