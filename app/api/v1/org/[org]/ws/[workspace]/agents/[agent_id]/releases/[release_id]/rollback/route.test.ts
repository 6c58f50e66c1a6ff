// Rolling an agent back to a release through the real route handler: restore and deploy in one
// audited action (the new release carries the old configuration at the capability versions it
// resolved to, the draft follows it, one audit event), and its refusals: an unknown release, the
// draft, another agent's release, the deployed release, a draft changed since it was shown, a
// viewer, and two concurrent rollbacks of which exactly one wins.
import { beforeAll, describe, expect, it } from "vitest";
import { renameKeys, toSnake } from "@/lib/agents/config";
import {
  agent as agentSchema,
  draft as draftSchema,
  release as releaseSchema,
} from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
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
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as agentRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/route";
import * as draftRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/route";
import * as deployRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/deploy/route";
import * as rollbackRoute from "./route";

let owner: TestMember;
let token: string;
let ws: { org: string; workspace: string };
let capability: string;

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"])).secret;
  ws = { org: owner.org.slug, workspace: "main" };
  capability = await pushCapability(owner, `cap-${uid()}`, { versions: ["1.0.0"] });
});

const p = (agentId: string, releaseId = "") => ({
  ...ws,
  agent_id: agentId,
  release_id: releaseId,
});

async function getDraft(agentId: string) {
  return expectBody(await call(draftRoute.GET, { params: p(agentId), token }), 200, draftSchema);
}

/** Saves the draft with this system prompt and deploys it; answers the release. */
async function deployPrompt(agentId: string, prompt: string) {
  const { agentUuid: _a, options: _o, description: _d, ...config } = seedBody("x", capability);
  const d = await getDraft(agentId);
  const body = { ...(renameKeys(config, toSnake) as object), system_prompt: prompt };
  expectBody(
    await call(draftRoute.PUT, {
      method: "PUT",
      params: p(agentId),
      token,
      body: { ...body, revision: d.revision },
    }),
    200,
    draftSchema,
  );
  return expectBody(
    await call(deployRoute.POST, { method: "POST", params: p(agentId), token, body: {} }),
    201,
    releaseSchema,
  );
}

/** An agent with releases 1.0.0 ("first") and 1.0.1 ("second", deployed). */
async function agentWithTwoReleases() {
  const a = expectBody(
    await call(agentsRoute.POST, {
      method: "POST",
      params: ws,
      token,
      body: { name: `rollback-${uid()}` },
    }),
    201,
    agentSchema,
  );
  const first = await deployPrompt(a.id, "first");
  const second = await deployPrompt(a.id, "second");
  return { id: a.id, first, second };
}

const rollback = (
  agentId: string,
  releaseId: string,
  body: object = {},
  auth: object = { token },
) => call(rollbackRoute.POST, { method: "POST", params: p(agentId, releaseId), body, ...auth });

async function auditOf(agentId: string) {
  return db().auditEvent.findMany({
    where: { orgId: owner.org.id, targetType: "agent", targetId: agentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

describe("POST …/releases/{release_id}/rollback", () => {
  it("restores and deploys the release as a new one, in one audited action", async () => {
    const a = await agentWithTwoReleases();
    await pushCapability(owner, capability, { versions: ["1.1.0"] });
    const before = (await auditOf(a.id)).length;
    const draft = await getDraft(a.id);
    const made = expectBody(
      await rollback(a.id, a.first.id, { draft_revision: draft.revision }),
      201,
      releaseSchema,
    );
    expect(made).toMatchObject({
      version: "1.0.2",
      status: "deployed",
      system_prompt: "first",
      description: "Roll back to 1.0.0",
      parent_id: a.first.id,
    });
    // The capabilities at the versions 1.0.0 resolved them to, even after a newer one is pushed.
    expect(a.first.capabilities.map((c) => c.resolved_version)).toEqual(["1.0.0"]);
    expect(made.capabilities.map((c) => c.resolved_version)).toEqual(["1.0.0"]);
    const agent = expectBody(
      await call(agentRoute.GET, { params: p(a.id), token }),
      200,
      agentSchema,
    );
    expect(agent.deployed_release?.version).toBe("1.0.2");
    const after = await getDraft(a.id);
    expect(after).toMatchObject({ changed: false, parent_id: made.id, system_prompt: "first" });
    const second = await db().release.findUniqueOrThrow({ where: { id: a.second.id } });
    expect(second.status).toBe("archived");
    const events = (await auditOf(a.id)).slice(before);
    expect(events.map((e) => e.action)).toEqual(["agent.release.rollback"]);
    expect(events[0]!.summary).toMatchObject({
      release_id: made.id,
      version: "1.0.2",
      previous: { release_id: a.second.id, version: "1.0.1" },
      rolled_back_to: { release_id: a.first.id, version: "1.0.0" },
    });
  });

  it("takes a version and a description", async () => {
    const a = await agentWithTwoReleases();
    const made = expectBody(
      await rollback(a.id, a.first.id, { version: "2.0.0", description: "Back to basics" }),
      201,
      releaseSchema,
    );
    expect(made).toMatchObject({ version: "2.0.0", description: "Back to basics" });
    const bad = expectError(
      await rollback(a.id, a.second.id, { version: "1.0.0" }),
      422,
      "validation_error",
    );
    expect(bad.errors?.[0]?.loc).toEqual(["body", "version"]);
  });

  it("refuses an unknown release, the draft and another agent's release with 404, changing nothing", async () => {
    const a = await agentWithTwoReleases();
    const other = await agentWithTwoReleases();
    const draftRow = await db().release.findUniqueOrThrow({ where: { draftOf: a.id } });
    const before = await auditOf(a.id);
    for (const id of [crypto.randomUUID(), draftRow.id, other.first.id])
      expectError(await rollback(a.id, id), 404, "not_found_error");
    expect(await auditOf(a.id)).toHaveLength(before.length);
    const agent = await db().agent.findUniqueOrThrow({ where: { id: a.id } });
    expect(agent.deployedReleaseId).toBe(a.second.id);
  });

  it("refuses the deployed release itself with 409", async () => {
    const a = await agentWithTwoReleases();
    const err = expectError(await rollback(a.id, a.second.id), 409, "conflict_error");
    expect(err.detail).toContain("1.0.1 is the deployed release already");
  });

  it("refuses with 409 a release whose configuration is the deployed one", async () => {
    const a = await agentWithTwoReleases();
    expectBody(await rollback(a.id, a.first.id), 201, releaseSchema);
    const err = expectError(await rollback(a.id, a.first.id), 409, "conflict_error");
    expect(err.detail).toBe(
      "Nothing to roll back: 1.0.0 has the same configuration as the deployed release 1.0.2",
    );
    expect(await db().release.count({ where: { agentId: a.id, status: { not: "draft" } } })).toBe(
      3,
    );
  });

  it("refuses with 409 when the draft changed since the caller read it, and keeps that change", async () => {
    const a = await agentWithTwoReleases();
    const shown = await getDraft(a.id);
    const { agentUuid: _a, options: _o, description: _d, ...config } = seedBody("x", capability);
    expectBody(
      await call(draftRoute.PUT, {
        method: "PUT",
        params: p(a.id),
        token,
        body: {
          ...(renameKeys(config, toSnake) as object),
          system_prompt: "someone else's edit",
          revision: shown.revision,
        },
      }),
      200,
      draftSchema,
    );
    expectError(
      await rollback(a.id, a.first.id, { draft_revision: shown.revision }),
      409,
      "conflict_error",
    );
    expect((await getDraft(a.id)).system_prompt).toBe("someone else's edit");
    expect((await db().agent.findUniqueOrThrow({ where: { id: a.id } })).deployedReleaseId).toBe(
      a.second.id,
    );
  });

  it("lets one of two concurrent rollbacks win; the other gets 409", async () => {
    const a = await agentWithTwoReleases();
    const { revision } = await getDraft(a.id);
    const results = await Promise.all([
      rollback(a.id, a.first.id, { draft_revision: revision }),
      rollback(a.id, a.first.id, { draft_revision: revision }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const releases = await db().release.count({
      where: { agentId: a.id, status: { not: "draft" } },
    });
    expect(releases).toBe(3);
  });

  it("refuses a viewer with 403 and lets a member roll back", async () => {
    const a = await agentWithTwoReleases();
    const viewer = await newMember(owner.org, "viewer");
    expectError(
      await rollback(a.id, a.first.id, {}, { cookie: await sessionCookie(viewer.user.id) }),
      403,
      "forbidden_error",
    );
    expect((await db().agent.findUniqueOrThrow({ where: { id: a.id } })).deployedReleaseId).toBe(
      a.second.id,
    );
    const member = await newMember(owner.org, "member");
    expectBody(
      await rollback(a.id, a.first.id, {}, { cookie: await sessionCookie(member.user.id) }),
      201,
      releaseSchema,
    );
  });

  it("refuses a draft_revision that is not a number with 422", async () => {
    const a = await agentWithTwoReleases();
    const err = expectError(
      await rollback(a.id, a.first.id, { draft_revision: "two" }),
      422,
      "validation_error",
    );
    expect(err.errors?.[0]?.loc).toEqual(["body", "draft_revision"]);
  });
});
