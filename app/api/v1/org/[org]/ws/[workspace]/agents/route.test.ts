// Agents on the canonical API: CRUD with audit events, the draft guarded by its revision, deploy
// (versions, archive, the agent's summary, nothing to deploy, an incomplete draft), the history,
// restore, the field-by-field diff, concurrent deploys, the optimization run's link, and tenancy.
import { beforeAll, describe, expect, it } from "vitest";
import { applyOptimizationToDraft } from "@/lib/agents/drafts";
import {
  agent as agentSchema,
  agentList,
  draft as draftSchema,
  release as releaseSchema,
  releaseDiff,
  releaseList,
} from "@/lib/agents/schemas";
import { pushCapability, seedBody, workspaceCtxOf } from "@/lib/agents/testing";
import { renameKeys, toSnake } from "@/lib/agents/config";
import { db } from "@/lib/db/client";
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
import * as agentsRoute from "./route";
import * as agentRoute from "./[agent_id]/route";
import * as draftRoute from "./[agent_id]/draft/route";
import * as deployRoute from "./[agent_id]/draft/deploy/route";
import * as releasesRoute from "./[agent_id]/releases/route";
import * as releaseRoute from "./[agent_id]/releases/[release_id]/route";
import * as restoreRoute from "./[agent_id]/releases/[release_id]/restore/route";
import * as diffRoute from "./[agent_id]/releases/diff/route";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
let capability: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  capability = await pushCapability(owner);
});

/** The seed's configuration in the canonical (snake_case) shape, for a PUT of the draft. */
function draftBody(revision: number, patch: Record<string, unknown> = {}) {
  const { agentUuid: _a, options: _o, description: _d, ...config } = seedBody("unused", capability);
  return { ...(renameKeys(config, toSnake) as Record<string, unknown>), revision, ...patch };
}

async function newAgent(name = `agent-${uid()}`, t = token) {
  return expectBody(
    await call(agentsRoute.POST, {
      method: "POST",
      params: ws,
      token: t,
      body: { name, description: "Sales helper" },
    }),
    201,
    agentSchema,
  );
}
const p = (agentId: string, extra: Record<string, string> = {}) => ({
  ...ws,
  agent_id: agentId,
  ...extra,
});
const getDraft = async (agentId: string) =>
  expectBody(await call(draftRoute.GET, { params: p(agentId), token }), 200, draftSchema);
const putDraft = (agentId: string, body: unknown, t = token) =>
  call(draftRoute.PUT, { method: "PUT", params: p(agentId), token: t, body });
const deploy = (agentId: string, body: Record<string, unknown> = {}, t = token) =>
  call(deployRoute.POST, { method: "POST", params: p(agentId), token: t, body });

/** An agent whose draft holds the seed's configuration (revision 2), with `systemPrompt`. */
async function readyAgent(systemPrompt = "You are a sales assistant.") {
  const a = await newAgent();
  const d = await getDraft(a.id);
  expectBody(
    await putDraft(a.id, draftBody(d.revision, { system_prompt: systemPrompt })),
    200,
    draftSchema,
  );
  return a;
}

async function auditActions(agentId: string) {
  const rows = await db().auditEvent.findMany({
    where: { orgId: owner.org.id, targetType: "agent", targetId: agentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => r.action);
}

describe("agents", () => {
  it("creates, lists, renames and deletes an agent, each with an audit event", async () => {
    const a = await newAgent("support-bot");
    expect(a).toMatchObject({
      name: "support-bot",
      description: "Sales helper",
      deployed_release: null,
      release_count: 0,
      draft_id: null,
      draft_revision: null,
      draft_changed: false,
    });
    expectError(
      await call(agentsRoute.POST, {
        method: "POST",
        params: ws,
        token,
        body: { name: "support-bot" },
      }),
      409,
      "already_exists_error",
    );
    const list = expectBody(await call(agentsRoute.GET, { params: ws, token }), 200, agentList);
    expect(list.agents.map((x) => x.id)).toContain(a.id);
    const renamed = expectBody(
      await call(agentRoute.PATCH, {
        method: "PATCH",
        params: p(a.id),
        token,
        body: { name: "support-bot-2" },
      }),
      200,
      agentSchema,
    );
    expect(renamed.name).toBe("support-bot-2");
    expectError(
      await call(agentRoute.PATCH, { method: "PATCH", params: p(a.id), token, body: {} }),
      422,
      "validation_error",
    );
    expect(
      (await call(agentRoute.DELETE, { method: "DELETE", params: p(a.id), token })).status,
    ).toBe(204);
    expectError(await call(agentRoute.GET, { params: p(a.id), token }), 404, "not_found_error");
    expect(await auditActions(a.id)).toEqual(["agent.create", "agent.update", "agent.delete"]);
  });

  it("opens the draft once, and guards every PUT by the revision it read", async () => {
    const a = await newAgent();
    const d = await getDraft(a.id);
    expect(d).toMatchObject({
      status: "draft",
      version: null,
      next_version: "1.0.0",
      revision: 1,
      changed: true,
      parent_id: null,
      user: { id: owner.user.id, email: owner.user.email, name: owner.user.name },
    });
    expect((await getDraft(a.id)).id).toBe(d.id);
    const saved = expectBody(await putDraft(a.id, draftBody(1)), 200, draftSchema);
    expect(saved.revision).toBe(2);
    expect(saved.actions[0]).toEqual({
      name: "Create lead",
      slug: "create-lead",
      description: "Creates a lead in the CRM",
      is_bulk_allowed: true,
      config: { pipelineId: "p-1" },
      kind: "tool",
      tool_uuid: "tool-42",
      template_slug: "crm-create",
      wait_until_finished: true,
    });
    expect(saved.resources[0]!.filter).toEqual({
      groups: [{ conditions: [{ columnSlug: "country", operator: "eq", value: "FR" }] }],
    });
    expect(saved.heartbeat).toEqual({
      interval_minutes: 60,
      max_messages: 5,
      prompt: "Anything new?",
    });
    // A stale revision: 409, nothing written.
    const stale = expectError(
      await putDraft(a.id, draftBody(1, { system_prompt: "lost update" })),
      409,
      "conflict_error",
    );
    expect(stale.detail).toMatch(/revision 2, not 1/);
    // The same content again: no new revision.
    expect(expectBody(await putDraft(a.id, draftBody(2)), 200, draftSchema).revision).toBe(2);
    expectError(
      await putDraft(a.id, { ...draftBody(2), revision: undefined }),
      422,
      "validation_error",
    );
    const bad = expectError(
      await putDraft(
        a.id,
        draftBody(2, { temperature: 2, max_steps: 0, evaluator: { rubric: "x", threshold: -1 } }),
      ),
      422,
      "validation_error",
    );
    expect(bad.errors!.map((e) => e.loc)).toEqual(
      expect.arrayContaining([
        ["body", "temperature"],
        ["body", "max_steps"],
        ["body", "evaluator", "threshold"],
      ]),
    );
    expect(
      expectError(
        await putDraft(a.id, draftBody(2, { capabilities: [{ slug: `ghost-${uid()}` }] })),
        422,
        "validation_error",
      ).errors![0]!.loc,
    ).toEqual(["body", "capabilities", 0, "slug"]);
    expect(await auditActions(a.id)).toEqual([
      "agent.create",
      "agent.draft.create",
      "agent.draft.update",
    ]);
  });

  it("deploys: 1.0.0, then the next patch or a greater version; the previous one archived; the agent shows who and when", async () => {
    const a = await readyAgent("Prompt one");
    const r1 = expectBody(await deploy(a.id, { description: "Launch" }), 201, releaseSchema);
    expect(r1).toMatchObject({
      status: "deployed",
      version: "1.0.0",
      description: "Launch",
      parent_id: null,
      user: { id: owner.user.id, email: owner.user.email },
      system_prompt: "Prompt one",
      optimization_job_id: null,
    });
    let agent = expectBody(
      await call(agentRoute.GET, { params: p(a.id), token }),
      200,
      agentSchema,
    );
    expect(agent).toMatchObject({
      deployed_release: {
        id: r1.id,
        version: "1.0.0",
        deployed_at: r1.deployed_at,
        deployed_by: { id: owner.user.id, email: owner.user.email, name: owner.user.name },
      },
      draft_changed: false,
      release_count: 1,
    });
    // Nothing changed: nothing to deploy.
    expect(expectError(await deploy(a.id), 409, "conflict_error").detail).toMatch(
      /Nothing to deploy/,
    );

    let d = await getDraft(a.id);
    expect(d).toMatchObject({
      parent_id: r1.id,
      next_version: "1.0.1",
      changed: false,
      description: "",
    });
    expectBody(
      await putDraft(a.id, draftBody(d.revision, { system_prompt: "Prompt two" })),
      200,
      draftSchema,
    );
    agent = expectBody(await call(agentRoute.GET, { params: p(a.id), token }), 200, agentSchema);
    expect(agent.draft_changed).toBe(true);
    const notGreater = expectError(
      await deploy(a.id, { version: "1.0.0" }),
      422,
      "validation_error",
    );
    expect(notGreater.detail).toMatch(
      /^invalidReleaseVersion: 1\.0\.0 is not greater than the deployed version 1\.0\.0/,
    );
    expect(notGreater.errors).toEqual([
      {
        loc: ["body", "version"],
        msg: expect.stringMatching(/not greater/),
        type: "invalidReleaseVersion",
      },
    ]);
    expectError(await deploy(a.id, { revision: 1 }), 409, "conflict_error");
    const r2 = expectBody(await deploy(a.id, { version: "2.0.0" }), 201, releaseSchema);
    expect(r2).toMatchObject({ version: "2.0.0", parent_id: r1.id, status: "deployed" });
    expect(
      expectBody(
        await call(releaseRoute.GET, { params: p(a.id, { release_id: r1.id }), token }),
        200,
        releaseSchema,
      ).status,
    ).toBe("archived");
    d = await getDraft(a.id);
    expectBody(
      await putDraft(a.id, draftBody(d.revision, { system_prompt: "Prompt three" })),
      200,
      draftSchema,
    );
    expect(
      expectBody(
        await deploy(a.id, { revision: (await getDraft(a.id)).revision }),
        201,
        releaseSchema,
      ).version,
    ).toBe("2.0.1");
    expect(await auditActions(a.id)).toEqual([
      "agent.create",
      "agent.draft.create",
      "agent.draft.update",
      "agent.release.deploy",
      "agent.draft.update",
      "agent.release.deploy",
      "agent.draft.update",
      "agent.release.deploy",
    ]);
  });

  it("refuses to deploy an incomplete draft, naming what is missing, a draft never written too (and stores nothing)", async () => {
    const a = await newAgent();
    const never = expectError(await deploy(a.id), 422, "validation_error");
    expect(never.errors!.map((e) => e.loc)).toEqual([
      ["draft", "integration_slug"],
      ["draft", "language_model_slug"],
    ]);
    expect(await db().release.count({ where: { agentId: a.id } })).toBe(0);
    expect(await auditActions(a.id)).toEqual(["agent.create"]);
    const d = await getDraft(a.id);
    expectBody(
      await putDraft(
        a.id,
        draftBody(d.revision, { language_model_slug: "", integration_slug: "" }),
      ),
      200,
      draftSchema,
    );
    const err = expectError(await deploy(a.id), 422, "validation_error");
    expect(err.errors!.map((e) => e.loc)).toEqual([
      ["draft", "integration_slug"],
      ["draft", "language_model_slug"],
    ]);
  });

  it("lists the history newest first with pages, reads one release, restores an old one and deploys it again", async () => {
    const a = await readyAgent("P1");
    const r1 = expectBody(await deploy(a.id), 201, releaseSchema);
    for (const prompt of ["P2", "P3"]) {
      expectBody(
        await putDraft(a.id, draftBody((await getDraft(a.id)).revision, { system_prompt: prompt })),
        200,
        draftSchema,
      );
      expectBody(await deploy(a.id), 201, releaseSchema);
    }
    const page = expectBody(
      await call(releasesRoute.GET, { path: "/x?limit=2", params: p(a.id), token }),
      200,
      releaseList,
    );
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.releases.map((r) => [r.version, r.status])).toEqual([
      ["1.0.2", "deployed"],
      ["1.0.1", "archived"],
    ]);
    const rest = expectBody(
      await call(releasesRoute.GET, { path: "/x?limit=2&offset=2", params: p(a.id), token }),
      200,
      releaseList,
    );
    expect(rest.releases.map((r) => r.version)).toEqual(["1.0.0"]);
    expect(rest.releases[0]).toMatchObject({ id: r1.id, user: { id: owner.user.id } });

    const restored = expectBody(
      await call(restoreRoute.POST, {
        method: "POST",
        params: p(a.id, { release_id: r1.id }),
        token,
      }),
      200,
      draftSchema,
    );
    expect(restored).toMatchObject({
      parent_id: r1.id,
      system_prompt: "P1",
      changed: true,
      next_version: "1.0.3",
    });
    const r4 = expectBody(await deploy(a.id), 201, releaseSchema);
    expect(r4).toMatchObject({
      version: "1.0.3",
      parent_id: r1.id,
      system_prompt: "P1",
      description: "Restore 1.0.0",
    });
    // A release of another agent is not this agent's.
    const b = await readyAgent();
    const rb = expectBody(await deploy(b.id), 201, releaseSchema);
    expectError(
      await call(releaseRoute.GET, { params: p(a.id, { release_id: rb.id }), token }),
      404,
      "not_found_error",
    );
    expectError(
      await call(restoreRoute.POST, {
        method: "POST",
        params: p(a.id, { release_id: rb.id }),
        token,
      }),
      404,
      "not_found_error",
    );
    expectError(
      await call(restoreRoute.POST, {
        method: "POST",
        params: p(a.id, { release_id: restored.id }),
        token,
      }),
      409,
      "conflict_error",
    );
    expect((await auditActions(a.id)).filter((x) => x === "agent.draft.restore")).toHaveLength(1);
  });

  it("diffs field by field, with a unified diff of the system prompt", async () => {
    const a = await readyAgent("Line one\nLine two\nLine three");
    const nothing = expectBody(
      await call(diffRoute.GET, { params: p(a.id), token }),
      200,
      releaseDiff,
    );
    expect(nothing.from).toBeNull();
    expect(nothing.changes.map((c) => c.field)).toContain("system_prompt");
    const r1 = expectBody(await deploy(a.id), 201, releaseSchema);
    const same = expectBody(
      await call(diffRoute.GET, { params: p(a.id), token }),
      200,
      releaseDiff,
    );
    expect(same).toMatchObject({
      from: { id: r1.id, version: "1.0.0", status: "deployed" },
      to: { status: "draft", version: null },
      changes: [],
    });
    expect(same.unchanged).toHaveLength(16);
    const d = await getDraft(a.id);
    expectBody(
      await putDraft(
        a.id,
        draftBody(d.revision, {
          system_prompt: "Line one\nLine 2\nLine three",
          temperature: 0.9,
          heartbeat: null,
        }),
      ),
      200,
      draftSchema,
    );
    const diff = expectBody(
      await call(diffRoute.GET, { path: "/x?from=deployed&to=draft", params: p(a.id), token }),
      200,
      releaseDiff,
    );
    expect(diff.changes.map((c) => c.field)).toEqual(["system_prompt", "temperature", "heartbeat"]);
    const prompt = diff.changes[0]!;
    expect(prompt.text_diff).toMatchObject({ additions: 1, deletions: 1, omitted: null });
    expect(prompt.text_diff!.diff).toContain("-Line two\n+Line 2");
    expect(diff.changes[1]).toMatchObject({ before: 0.3, after: 0.9, text_diff: null });
    expect(diff.changes[2]).toMatchObject({
      before: { interval_minutes: 60, max_messages: 5, prompt: "Anything new?" },
      after: null,
    });
    const r2 = expectBody(await deploy(a.id), 201, releaseSchema);
    const between = expectBody(
      await call(diffRoute.GET, { path: `/x?from=${r1.id}&to=${r2.id}`, params: p(a.id), token }),
      200,
      releaseDiff,
    );
    expect(between.changes.map((c) => c.field)).toEqual([
      "system_prompt",
      "temperature",
      "heartbeat",
    ]);
    expectError(
      await call(diffRoute.GET, { path: "/x?from=latest", params: p(a.id), token }),
      422,
      "validation_error",
    );
    expectError(
      await call(diffRoute.GET, {
        path: "/x?from=3c90c3cc-0d44-4b50-8888-8dd25736052a",
        params: p(a.id),
        token,
      }),
      404,
      "not_found_error",
    );
  });

  it("lets exactly one of two concurrent deploys of one draft win; the other gets 409", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await readyAgent(`Round ${round}`);
      const results = await Promise.all([deploy(a.id), deploy(a.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expectError(
        results.find((r) => r.status === 409)!,
        409,
        "conflict_error",
      );
      const history = expectBody(
        await call(releasesRoute.GET, { params: p(a.id), token }),
        200,
        releaseList,
      );
      expect(history.releases.map((r) => r.version)).toEqual(["1.0.0"]);
    }
  });

  it("records the optimization run applied to the draft in the release deployed from it", async () => {
    const a = await readyAgent("Before optimization");
    const ctx = await workspaceCtxOf(owner);
    const jobId = crypto.randomUUID();
    await applyOptimizationToDraft(ctx, a.id, { systemPrompt: "After optimization", jobId });
    const d = await getDraft(a.id);
    expect(d).toMatchObject({
      system_prompt: "After optimization",
      optimization_job_id: jobId,
      revision: 3,
    });
    const r = expectBody(await deploy(a.id), 201, releaseSchema);
    expect(r).toMatchObject({ optimization_job_id: jobId, system_prompt: "After optimization" });
    expect(
      expectBody(await call(releasesRoute.GET, { params: p(a.id), token }), 200, releaseList)
        .releases[0]!.optimization_job_id,
    ).toBe(jobId);
    expect((await getDraft(a.id)).optimization_job_id).toBeNull();
    expect(await auditActions(a.id)).toContain("agent.draft.optimize");
  });

  it("keeps agents to their org and workspace, and writes to members", async () => {
    const a = await readyAgent();
    const stranger = await newOwner();
    const strangerToken = (await tokenFor(stranger, ["write"])).secret;
    expectError(
      await call(agentRoute.GET, {
        params: { org: stranger.org.slug, workspace: "main", agent_id: a.id },
        token: strangerToken,
      }),
      404,
      "not_found_error",
    );
    expectError(
      await call(agentRoute.GET, { params: p(a.id), token: strangerToken }),
      404,
      "not_found_error",
    );
    const staging = await db().workspace.create({
      data: { orgId: owner.org.id, slug: `staging-${uid()}`, name: "Staging" },
    });
    expectError(
      await call(agentRoute.GET, { params: { ...p(a.id), workspace: staging.slug }, token }),
      404,
      "not_found_error",
    );
    expectError(
      await call(deployRoute.POST, {
        method: "POST",
        params: { ...p(a.id), workspace: staging.slug },
        token,
        body: {},
      }),
      404,
      "not_found_error",
    );

    const viewer = await newMember(owner.org, "viewer");
    const cookie = await sessionCookie(viewer.user.id);
    expectBody(await call(agentRoute.GET, { params: p(a.id), cookie }), 200, agentSchema);
    expectBody(await call(draftRoute.GET, { params: p(a.id), cookie }), 200, draftSchema);
    expectError(
      await call(deployRoute.POST, { method: "POST", params: p(a.id), cookie, body: {} }),
      403,
      "forbidden_error",
    );
    expectError(
      await call(draftRoute.PUT, { method: "PUT", params: p(a.id), cookie, body: draftBody(2) }),
      403,
      "forbidden_error",
    );
    expectError(
      await call(agentsRoute.POST, { method: "POST", params: ws, cookie, body: { name: "nope" } }),
      403,
      "forbidden_error",
    );
    const member = await newMember(owner.org, "member");
    expectBody(
      await call(deployRoute.POST, {
        method: "POST",
        params: p(a.id),
        cookie: await sessionCookie(member.user.id),
        body: {},
      }),
      201,
      releaseSchema,
    );
    expectError(
      await call(agentRoute.GET, { params: p("not-a-uuid"), token }),
      422,
      "validation_error",
    );
  });
});
