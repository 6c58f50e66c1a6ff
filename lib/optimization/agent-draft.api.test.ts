// Optimizing an agent's draft (target_kind agent_draft): the run measures the draft's system
// prompt, the built-in judge applies the draft's evaluator rubric, applying the winner writes a
// new draft revision (never the deployed release) linked to the run, and deploying that draft
// records the run in the release. Plus the refusals: no agent, an unknown one, an empty prompt,
// and the seeds/004 apply of a run that is not a prompt's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { compatRelease } from "@/lib/agents/compat-schemas";
import { compatReleaseResponse } from "@/lib/agents/compat-schemas";
import {
  agent as agentSchema,
  release as releaseSchema,
  draft as draftSchema,
} from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
import { db } from "@/lib/db/client";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { startFakeLlm, type FakeLlm } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import { applyResponse, job as jobSchema } from "./schemas";
import { Worker } from "./engine/worker";
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as draftRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/route";
import * as releaseRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/[release_id]/route";
import * as getDraftRoute from "@/app/api/v1/ai/releases/getDraft/route";
import * as updateDraftRoute from "@/app/api/v1/ai/releases/updateDraft/route";
import * as deployRoute from "@/app/api/v1/ai/releases/deployDraft/route";
import * as jobsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/route";
import * as jobRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/route";
import * as progressRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/progress/route";
import * as applyRoute from "@/app/api/v1/org/[org]/ws/[workspace]/optimization/jobs/[job_id]/apply/route";
import * as compatApplyRoute from "@/app/api/v1/optimizations/[id]/apply/route";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
let capability: string;
let fake: FakeLlm;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  capability = await pushCapability(owner);
  fake = await startFakeLlm(fakeEngine({ strategyQuality: { "clarify constraints": 85 } }));
});
afterAll(async () => {
  await fake.close();
});

/** An agent with 1.0.0 deployed and the same configuration in its draft; the rubric on its evaluator. */
async function deployedAgent(systemPrompt = "You are the sales assistant of Acme. Be concise.") {
  const agent = expectBody(
    await call(agentsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `agent-${uid()}` },
    }),
    201,
    agentSchema,
  );
  expectBody(
    await call(getDraftRoute.GET, {
      path: `/api/v1/ai/releases/getDraft?agentUuid=${agent.id}`,
      token,
    }),
    200,
    compatReleaseResponse,
  );
  const body = {
    ...seedBody(agent.id, capability),
    systemPrompt,
    evaluator: { rubric: "Reward answers that quote the customer's plan by name.", threshold: 0.7 },
  };
  expectBody(
    await call(updateDraftRoute.PUT, { method: "PUT", token, body }),
    200,
    compatReleaseResponse,
  );
  const deployed = expectBody(
    await call(deployRoute.POST, { method: "POST", token, body }),
    200,
    compatReleaseResponse,
  );
  return { agent, body, deployed: deployed.release as typeof compatRelease._zod.output };
}

const newJob = (body: Record<string, unknown>) =>
  call(jobsRoute.POST, {
    method: "POST",
    params: ws,
    token,
    body: { target_kind: "agent_draft", mode: "exploratory", variant_count: 1, ...body },
  });
const draftOf = async (agentId: string) =>
  expectBody(
    await call(draftRoute.GET, { params: { ...ws, agent_id: agentId }, token }),
    200,
    draftSchema,
  );

describe("optimizing an agent's draft", () => {
  it("applies the winner to a new draft revision, not the release, and the next deploy records the run", async () => {
    const { agent, deployed } = await deployedAgent();
    const before = await draftOf(agent.id);
    const job = expectBody(
      await newJob({ agent_id: agent.id, executor: "external" }),
      201,
      jobSchema,
    );
    expect(job).toMatchObject({
      target_kind: "agent_draft",
      agent_id: agent.id,
      agent_name: agent.name,
      original_content: "You are the sales assistant of Acme. Be concise.",
    });

    // An external harness reports a clear winner.
    const personas = ["p1", "p2", "p3", "p4"];
    const cells = (variant: string, base: number) =>
      personas.flatMap((p, i) =>
        ["s1", "s2", "s3"].map((s, k) => ({
          variant,
          persona: p,
          scenario: s,
          metrics: { task_completion: base + i + k, quality: 70, sentiment: 70 },
        })),
      );
    const better =
      "You are the sales assistant of Acme. Be concise. Quote the customer's plan by name.";
    expectBody(
      await call(progressRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: job.id },
        token,
        body: {
          variants: [
            { key: "control", name: "Original", content: job.original_content, is_original: true },
            { key: "b", name: "Variant B", content: better },
          ],
          cells: [...cells("control", 50), ...cells("b", 75)],
          finished: true,
        },
      }),
      200,
      jobSchema,
    );

    const applied = expectBody(
      await call(applyRoute.POST, {
        method: "POST",
        params: { ...ws, job_id: job.id },
        token,
        body: {},
      }),
      200,
      applyResponse,
    );
    expect(applied).toMatchObject({
      success: true,
      prompt_id: null,
      prompt_version: null,
      draft: { agent_id: agent.id, revision: before.revision + 1 },
    });
    const after = await draftOf(agent.id);
    expect(after.system_prompt).toBe(better);
    expect(after.optimization_job_id).toBe(job.id);
    expect(after.revision).toBe(before.revision + 1);
    // The deployed release is untouched.
    const live = expectBody(
      await call(releaseRoute.GET, {
        params: { ...ws, agent_id: agent.id, release_id: deployed.uuid },
        token,
      }),
      200,
      releaseSchema,
    );
    expect(live.system_prompt).toBe("You are the sales assistant of Acme. Be concise.");
    expect(live.optimization_job_id).toBeNull();
    // Deploying the draft records the run in the release.
    const body = {
      ...seedBody(agent.id, capability),
      systemPrompt: better,
      evaluator: {
        rubric: "Reward answers that quote the customer's plan by name.",
        threshold: 0.7,
      },
    };
    const next = expectBody(
      await call(deployRoute.POST, { method: "POST", token, body: { ...body, version: "1.1.0" } }),
      200,
      compatReleaseResponse,
    );
    const release = expectBody(
      await call(releaseRoute.GET, {
        params: { ...ws, agent_id: agent.id, release_id: next.release.uuid },
        token,
      }),
      200,
      releaseSchema,
    );
    expect(release.optimization_job_id).toBe(job.id);
    expect(release.system_prompt).toBe(better);
    const audit = await db().auditEvent.findFirst({
      where: { targetId: job.id, action: "optimization.apply" },
    });
    expect(audit?.summary).toMatchObject({
      agent_id: agent.id,
      draft_revision: before.revision + 1,
    });
    // The seeds/004 apply names the canonical route instead of applying a non-prompt run.
    const compat = await call(compatApplyRoute.POST, {
      method: "POST",
      params: { id: job.id },
      token,
      body: {},
    });
    expect(compat.status).toBe(409);
    expect(JSON.stringify(compat.json)).toContain(`/optimization/jobs/${job.id}/apply`);
  });

  it("runs on the built-in engine with the draft's rubric in the judge's instructions", async () => {
    const { agent } = await deployedAgent();
    const workspaceId = (
      await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } })
    ).id;
    await db().modelProvider.upsert({
      where: { workspaceId },
      create: { workspaceId, baseUrl: fake.url, model: "fake-model" },
      update: {},
    });
    const job = expectBody(
      await newJob({
        agent_id: agent.id,
        executor: "builtin",
        max_turns: 3,
        persona_ids: undefined,
      }),
      201,
      jobSchema,
    );
    const from = fake.requests.length;
    const worker = new Worker({
      db: db(),
      workspaces: [workspaceId],
      pollMs: 50,
      log: () => undefined,
    }).start();
    try {
      for (let i = 0; i < 400; i++) {
        const j = expectBody(
          await call(jobRoute.GET, { params: { ...ws, job_id: job.id }, token }),
          200,
          jobSchema,
        );
        if (j.status !== "queued" && j.status !== "running") break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
    const done = expectBody(
      await call(jobRoute.GET, { params: { ...ws, job_id: job.id }, token }),
      200,
      jobSchema,
    );
    expect(done.status, done.error ?? "").toBe("completed");
    const judged = fake.requests
      .slice(from)
      .filter((r) => r.body.response_format?.json_schema?.name === "judgment");
    expect(judged.length).toBeGreaterThan(0);
    for (const r of judged)
      expect(r.body.messages[0].content).toContain(
        "Reward answers that quote the customer's plan by name.",
      );
    const agentSystemPrompts = new Set(
      fake.requests
        .slice(from)
        .filter((r) => !r.body.response_format)
        .map((r) => r.body.messages[0].content.split("\n\n[")[0]),
    );
    expect(agentSystemPrompts).toEqual(
      new Set(["You are the sales assistant of Acme. Be concise."]),
    );
  });

  it("refuses a missing or unknown agent and a draft without a system prompt", async () => {
    const missing = expectError(await newJob({}), 422, "validation_error");
    expect(missing.errors?.some((e) => e.loc.join(".") === "body.agent_id")).toBe(true);
    expectError(
      await newJob({ agent_id: "7c0f5a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6", executor: "external" }),
      404,
      "not_found_error",
    );
    const empty = expectBody(
      await call(agentsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: `empty-${uid()}` },
      }),
      201,
      agentSchema,
    );
    const refused = expectError(
      await newJob({ agent_id: empty.id, executor: "external" }),
      422,
      "validation_error",
    );
    expect(refused.detail).toMatch(/has no system prompt/);
    // Another org's agent is not found either.
    const other = await newOwner();
    const otherToken = (await tokenFor(other, ["write"])).secret;
    expectError(
      await call(jobsRoute.POST, {
        method: "POST",
        params: { org: other.org.slug, workspace: "main" },
        token: otherToken,
        body: { target_kind: "agent_draft", agent_id: empty.id, executor: "external" },
      }),
      404,
      "not_found_error",
    );
  });
});
