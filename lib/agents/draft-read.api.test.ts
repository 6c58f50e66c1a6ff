// Reading an agent's draft never writes: a draft that was never written is shown as its first write
// will store it (the deployed release, or empty; the same id; revision 1), through a read token, a
// viewer's session and the seeds/003 getDraft, with no row and no audit event created; the write
// that follows, based on what was read, stores it and applies.
import { beforeAll, describe, expect, it } from "vitest";
import { compatReleaseResponse } from "@/lib/agents/compat-schemas";
import {
  agent as agentSchema,
  draft as draftSchema,
  release as releaseSchema,
  releaseDiff,
} from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
import { db } from "@/lib/db/client";
import {
  call,
  expectBody,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as draftRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/route";
import * as releaseRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/[release_id]/route";
import * as diffRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/diff/route";
import * as getDraftRoute from "@/app/api/v1/ai/releases/getDraft/route";
import * as updateDraftRoute from "@/app/api/v1/ai/releases/updateDraft/route";
import * as deployRoute from "@/app/api/v1/ai/releases/deployDraft/route";
import { renameKeys, toSnake } from "./config";

let owner: TestMember;
let writeToken: string;
let readToken: string;
let viewerCookie: string;
let capability: string;
let ws: { org: string; workspace: string };

beforeAll(async () => {
  owner = await newOwner();
  ws = { org: owner.org.slug, workspace: "main" };
  writeToken = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
  readToken = (await tokenFor(owner, ["read"], { workspace: "main" })).secret;
  viewerCookie = await sessionCookie((await newMember(owner.org, "viewer")).user.id);
  capability = await pushCapability(owner);
});

async function newAgent(): Promise<string> {
  return expectBody(
    await call(agentsRoute.POST, {
      method: "POST",
      params: ws,
      token: writeToken,
      body: { name: `agent-${uid()}` },
    }),
    201,
    agentSchema,
  ).id;
}

/** Every row a read could write: the agent's releases, the org's audit events, the agent row itself. */
async function footprint(agentId: string) {
  const [releases, audit, agent] = await Promise.all([
    db().release.findMany({
      where: { agentId },
      select: { id: true, revision: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    db().auditEvent.count({ where: { orgId: owner.org.id } }),
    db().agent.findUniqueOrThrow({ where: { id: agentId }, select: { updatedAt: true } }),
  ]);
  return { releases, audit, agentUpdatedAt: agent.updatedAt.toISOString() };
}

const canonical = (agentId: string, auth: { token?: string; cookie?: string }) =>
  call(draftRoute.GET, { params: { ...ws, agent_id: agentId }, ...auth });
const compat = (agentId: string) =>
  call(getDraftRoute.GET, {
    path: `/api/v1/ai/releases/getDraft?agentUuid=${agentId}`,
    token: readToken,
  });

function draftBody(revision: number, systemPrompt: string) {
  const { agentUuid: _a, options: _o, description: _d, ...config } = seedBody("unused", capability);
  return {
    ...(renameKeys(config, toSnake) as Record<string, unknown>),
    system_prompt: systemPrompt,
    revision,
  };
}

describe("reading a draft never written", () => {
  it("writes nothing through a read token, a viewer's session or getDraft, and the PUT based on it stores it", async () => {
    const agentId = await newAgent();
    const before = await footprint(agentId);
    const byToken = expectBody(await canonical(agentId, { token: readToken }), 200, draftSchema);
    const bySession = expectBody(
      await canonical(agentId, { cookie: viewerCookie }),
      200,
      draftSchema,
    );
    const bySeed = expectBody(await compat(agentId), 200, compatReleaseResponse).release;
    expect(await footprint(agentId)).toEqual(before);
    expect(before.releases).toEqual([]);

    expect(byToken).toMatchObject({
      status: "draft",
      revision: 1,
      parent_id: null,
      next_version: "1.0.0",
      changed: true,
      system_prompt: "",
      user: { id: owner.user.id },
    });
    expect(bySession).toEqual(byToken);
    expect(bySeed).toMatchObject({
      uuid: byToken.id,
      status: "draft",
      version: "1.0.0",
      parentUuid: null,
      userUuid: owner.user.id,
    });
    // Readable by its id and comparable before it is stored.
    expect(
      expectBody(
        await call(releaseRoute.GET, {
          params: { ...ws, agent_id: agentId, release_id: byToken.id },
          token: readToken,
        }),
        200,
        releaseSchema,
      ),
    ).toMatchObject({ id: byToken.id, status: "draft", revision: 1 });
    expect(
      expectBody(
        await call(diffRoute.GET, {
          path: "/x?from=deployed&to=draft",
          params: { ...ws, agent_id: agentId },
          token: readToken,
        }),
        200,
        releaseDiff,
      ).to,
    ).toMatchObject({ id: byToken.id, status: "draft" });
    expect(await footprint(agentId)).toEqual(before);

    // The write based on what was read: stored under the id shown, at the next revision.
    const saved = expectBody(
      await call(draftRoute.PUT, {
        method: "PUT",
        params: { ...ws, agent_id: agentId },
        token: writeToken,
        body: draftBody(byToken.revision, "Be brief."),
      }),
      200,
      draftSchema,
    );
    expect(saved).toMatchObject({ id: byToken.id, revision: 2, system_prompt: "Be brief." });
    const rows = await db().release.findMany({ where: { agentId } });
    expect(rows.map((r) => [r.id, r.status, r.revision])).toEqual([[byToken.id, "draft", 2]]);
    const actions = (
      await db().auditEvent.findMany({
        where: { orgId: owner.org.id, targetId: agentId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["agent.create", "agent.draft.create", "agent.draft.update"]);
    // A second writer based on the same read is now stale.
    expect(
      (
        await call(draftRoute.PUT, {
          method: "PUT",
          params: { ...ws, agent_id: agentId },
          token: writeToken,
          body: draftBody(byToken.revision, "Lost update"),
        })
      ).status,
    ).toBe(409);
  });

  it("shows the deployed release for an agent with no stored draft, and updateDraft based on it applies", async () => {
    const agentId = await newAgent();
    const deployed = expectBody(
      await call(deployRoute.POST, {
        method: "POST",
        token: writeToken,
        body: seedBody(agentId, capability),
      }),
      200,
      compatReleaseResponse,
    ).release;
    // An agent deployed with no draft row (as one stored before drafts were kept from the first deploy).
    await db().release.deleteMany({ where: { draftOf: agentId } });
    const before = await footprint(agentId);

    const read = expectBody(await compat(agentId), 200, compatReleaseResponse).release;
    const canon = expectBody(await canonical(agentId, { token: readToken }), 200, draftSchema);
    expect(await footprint(agentId)).toEqual(before);
    expect(read).toMatchObject({
      status: "draft",
      parentUuid: deployed.uuid,
      version: "1.0.1",
      systemPrompt: deployed.systemPrompt,
      capabilities: deployed.capabilities.map(({ resolvedVersion: _r, ...c }) => c),
      userUuid: owner.user.id,
    });
    expect(read.mcpClients).toEqual(deployed.mcpClients);
    expect(canon).toMatchObject({
      id: read.uuid,
      revision: 1,
      parent_id: deployed.uuid,
      changed: false,
    });

    const { options: _o, ...body } = seedBody(agentId, capability);
    const updated = expectBody(
      await call(updateDraftRoute.PUT, {
        method: "PUT",
        token: writeToken,
        body: { ...body, systemPrompt: "Changed.", parentUuid: read.parentUuid },
      }),
      200,
      compatReleaseResponse,
    ).release;
    expect(updated).toMatchObject({
      uuid: read.uuid,
      parentUuid: deployed.uuid,
      systemPrompt: "Changed.",
      status: "draft",
    });
    // The stored secrets of the deployed release came along (the redacted values sent back keep them).
    expect(updated.mcpClients).toEqual(deployed.mcpClients);
    expect(await db().release.count({ where: { agentId, status: "draft" } })).toBe(1);
  });
});
