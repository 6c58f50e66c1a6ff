// MCP client secrets: encrypted at rest, never in any response (drafts, releases, lists, diffs,
// agents, audit events), kept across a redacted round trip (which leaves the draft unchanged),
// changed when a new secret is sent, refused when a redaction matches nothing, and restored.
import { beforeAll, describe, expect, it } from "vitest";
import { compatReleaseList, compatReleaseResponse } from "@/lib/agents/compat-schemas";
import {
  agent as agentSchema,
  draft as draftSchema,
  release as releaseSchema,
  releaseDiff,
} from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
import type { StoredMcpClient } from "@/lib/agents/config";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  tokenFor,
  uid,
  type CallResult,
  type TestMember,
} from "@/lib/testing/api";
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as agentRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/route";
import * as draftRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/route";
import * as canonicalDeployRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/draft/deploy/route";
import * as releaseRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/[release_id]/route";
import * as diffRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/diff/route";
import * as auditRoute from "@/app/api/v1/org/[org]/audit-events/route";
import * as getDraftRoute from "@/app/api/v1/ai/releases/getDraft/route";
import * as updateDraftRoute from "@/app/api/v1/ai/releases/updateDraft/route";
import * as deployRoute from "@/app/api/v1/ai/releases/deployDraft/route";
import * as getRoute from "@/app/api/v1/ai/releases/[uuid]/route";
import * as listRoute from "@/app/api/v1/ai/releases/list/route";
import * as restoreRoute from "@/app/api/v1/ai/releases/restore/route";

const ACCESS = `at-live-${uid()}${uid()}-abcd`;
const REFRESH = "rt-live-9876543210-wxyz";

let owner: TestMember;
let token: string;
let capability: string;
const responses: CallResult[] = [];

beforeAll(async () => {
  owner = await newOwner();
  token = (await tokenFor(owner, ["admin"], { workspace: "main" })).secret;
  capability = await pushCapability(owner);
});

async function keep(res: Promise<CallResult>): Promise<CallResult> {
  const r = await res;
  responses.push(r);
  return r;
}

async function storedAuth(releaseId: string): Promise<Record<string, unknown>> {
  const row = await db().release.findUniqueOrThrow({ where: { id: releaseId } });
  expect(JSON.stringify(row)).not.toContain(ACCESS);
  const client = (row.mcpClients as unknown as StoredMcpClient[])[0]!;
  return JSON.parse(decryptSecret(client.authentication!.ciphertext)) as Record<string, unknown>;
}

describe("MCP client secrets", () => {
  it("are stored encrypted, kept across a redacted round trip, and never returned", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
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
    const p = { ...ws, agent_id: agent.id };
    await keep(call(getDraftRoute.GET, { path: `/x?agentUuid=${agent.id}`, token }));
    const body = seedBody(agent.id, capability, ACCESS);
    const { release: r1 } = expectBody(
      await keep(call(deployRoute.POST, { method: "POST", token, body })),
      200,
      compatReleaseResponse,
    );
    expect(r1.mcpClients[0]!.authentication).toMatchObject({
      accessToken: "••••abcd",
      refreshToken: "••••wxyz",
      clientId: "client-77",
      tokenType: "Bearer",
    });
    expect(await storedAuth(r1.uuid)).toMatchObject({ accessToken: ACCESS, refreshToken: REFRESH });

    // The draft read and sent back as it is (secrets redacted) keeps the secrets and changes nothing.
    const { release: draft } = expectBody(
      await keep(call(getDraftRoute.GET, { path: `/x?agentUuid=${agent.id}`, token })),
      200,
      compatReleaseResponse,
    );
    const {
      uuid: _u,
      parentUuid: _p,
      workspaceUuid: _w,
      userUuid: _us,
      status: _s,
      version: _v,
      deployedAt: _d,
      createdAt: _c,
      updatedAt: _up,
      description: _de,
      ...config
    } = draft;
    const roundTrip = expectBody(
      await keep(call(updateDraftRoute.PUT, { method: "PUT", token, body: config })),
      200,
      compatReleaseResponse,
    ).release;
    expect(await storedAuth(roundTrip.uuid)).toMatchObject({
      accessToken: ACCESS,
      refreshToken: REFRESH,
    });
    expect(
      expectBody(await keep(call(agentRoute.GET, { params: p, token })), 200, agentSchema)
        .draft_changed,
    ).toBe(false);
    expect(
      expectError(
        await keep(call(deployRoute.POST, { method: "POST", token, body: config })),
        409,
        "conflict_error",
      ).detail,
    ).toMatch(/Nothing to deploy/);

    // The canonical draft, its PUT round trip too.
    const canonical = expectBody(
      await keep(call(draftRoute.GET, { params: p, token })),
      200,
      draftSchema,
    );
    expect(canonical.mcp_clients[0]!.authentication).toMatchObject({
      access_token: "••••abcd",
      refresh_token: "••••wxyz",
      client_id: "client-77",
    });
    const {
      id: _i,
      agent_id: _a,
      workspace_id: _wi,
      parent_id: _pi,
      user_id: _ui,
      user: _uu,
      status: _st,
      version: _ve,
      description: _ds,
      next_version: _n,
      changed: _ch,
      optimization_job_id: _o,
      optimization_applied_at: _oa,
      deployed_at: _da,
      created_at: _ca,
      updated_at: _ua,
      ...snakeConfig
    } = canonical;
    const putBack = expectBody(
      await keep(call(draftRoute.PUT, { method: "PUT", params: p, token, body: snakeConfig })),
      200,
      draftSchema,
    );
    expect(putBack.revision).toBe(canonical.revision);

    // A redaction that matches no stored secret is refused, not stored.
    const forged = structuredClone(config);
    forged.mcpClients[0]!.authentication!.accessToken = "••••zzzz";
    const refused = expectError(
      await keep(call(updateDraftRoute.PUT, { method: "PUT", token, body: forged })),
      422,
      "validation_error",
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({
        loc: ["body", "mcpClients", 0, "authentication", "accessToken"],
        type: "redacted_secret",
      }),
    ]);

    // A new secret with the same last 4 characters: a change the diff shows without showing it.
    const NEW = `at-rotated-${uid()}-abcd`;
    const rotated = structuredClone(config);
    rotated.mcpClients[0]!.authentication!.accessToken = NEW;
    expectBody(
      await keep(call(updateDraftRoute.PUT, { method: "PUT", token, body: rotated })),
      200,
      compatReleaseResponse,
    );
    const diff = expectBody(
      await keep(call(diffRoute.GET, { params: p, token })),
      200,
      releaseDiff,
    );
    expect(diff.changes).toEqual([
      expect.objectContaining({ field: "mcp_clients", note: "authentication secrets changed" }),
    ]);
    const r2 = expectBody(
      await keep(call(canonicalDeployRoute.POST, { method: "POST", params: p, token, body: {} })),
      201,
      releaseSchema,
    );
    expect(await storedAuth(r2.id)).toMatchObject({ accessToken: NEW, refreshToken: REFRESH });
    await keep(call(releaseRoute.GET, { params: { ...p, release_id: r2.id }, token }));
    await keep(call(getRoute.GET, { params: { uuid: r1.uuid }, token }));
    expectBody(
      await keep(call(listRoute.GET, { path: `/x?agentUuid=${agent.id}`, token })),
      200,
      compatReleaseList,
    );
    await keep(call(diffRoute.GET, { path: `/x?from=${r1.uuid}&to=${r2.id}`, params: p, token }));

    // Restoring the first release brings its secret back into the draft.
    const restored = expectBody(
      await keep(call(restoreRoute.POST, { method: "POST", token, body: { uuid: r1.uuid } })),
      200,
      compatReleaseResponse,
    ).release;
    expect(await storedAuth(restored.uuid)).toMatchObject({ accessToken: ACCESS });

    await keep(call(agentsRoute.GET, { params: ws, token }));
    await keep(
      call(auditRoute.GET, { path: "/x?limit=100", params: { org: owner.org.slug }, token }),
    );
    const audit = await db().auditEvent.findMany({ where: { orgId: owner.org.id } });
    expect(audit.length).toBeGreaterThan(5);
    for (const secret of [ACCESS, REFRESH, NEW]) {
      expect(JSON.stringify(audit)).not.toContain(secret);
      for (const r of responses) expect(JSON.stringify(r.json)).not.toContain(secret);
    }
    expect(responses.length).toBeGreaterThan(15);
  });

  it("stay with the host they were saved for: a client whose URL moves to another host must send them again", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
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
    const p = { ...ws, agent_id: agent.id };
    await call(getDraftRoute.GET, { path: `/x?agentUuid=${agent.id}`, token });
    const { release: r1 } = expectBody(
      await call(deployRoute.POST, {
        method: "POST",
        token,
        body: seedBody(agent.id, capability, ACCESS),
      }),
      200,
      compatReleaseResponse,
    );

    // The canonical draft: the URL moved to a server of the editor's own, the secrets left redacted.
    const canonical = expectBody(
      await call(draftRoute.GET, { params: p, token }),
      200,
      draftSchema,
    );
    const {
      id: _i,
      agent_id: _a,
      workspace_id: _wi,
      parent_id: _pi,
      user_id: _ui,
      user: _uu,
      status: _st,
      version: _ve,
      description: _ds,
      next_version: _n,
      changed: _ch,
      optimization_job_id: _o,
      optimization_applied_at: _oa,
      deployed_at: _da,
      created_at: _ca,
      updated_at: _ua,
      ...snakeConfig
    } = canonical;
    const moved = structuredClone(snakeConfig);
    moved.mcp_clients[0]!.url = "https://collector.attacker.example/crm";
    const refused = expectError(
      await call(draftRoute.PUT, { method: "PUT", params: p, token, body: moved }),
      422,
      "validation_error",
    );
    expect(refused.errors).toEqual([
      {
        loc: ["body", "mcp_clients", 0, "authentication", "access_token"],
        type: "redacted_secret",
        msg: "the stored secret of the MCP client 'crm' was saved for https://mcp.example.com; its URL now points to https://collector.attacker.example: send the secret again",
      },
      expect.objectContaining({
        loc: ["body", "mcp_clients", 0, "authentication", "refresh_token"],
        type: "redacted_secret",
        msg: expect.stringContaining("send the secret again"),
      }),
    ]);
    // Another port or scheme is another host too.
    for (const url of ["https://mcp.example.com:8443/crm", "http://mcp.example.com/crm"]) {
      moved.mcp_clients[0]!.url = url;
      expectError(
        await call(draftRoute.PUT, { method: "PUT", params: p, token, body: moved }),
        422,
        "validation_error",
      );
    }
    const draftRow = await db().release.findFirstOrThrow({
      where: { agentId: agent.id, status: "draft" },
    });
    expect((draftRow.mcpClients as unknown as StoredMcpClient[])[0]!.url).toBe(
      "https://mcp.example.com/crm",
    );

    // The same host under another path (default port written out) keeps them.
    moved.mcp_clients[0]!.url = "https://MCP.example.com:443/crm/v2";
    const samePlace = expectBody(
      await call(draftRoute.PUT, { method: "PUT", params: p, token, body: moved }),
      200,
      draftSchema,
    );
    expect(await storedAuth(samePlace.id)).toMatchObject({
      accessToken: ACCESS,
      refreshToken: REFRESH,
    });

    // The seeds/003 surface shares the rule, with its own field names.
    const { release: draft } = expectBody(
      await call(getDraftRoute.GET, { path: `/x?agentUuid=${agent.id}`, token }),
      200,
      compatReleaseResponse,
    );
    const {
      uuid: _u,
      parentUuid: _p,
      workspaceUuid: _w,
      userUuid: _us,
      status: _s,
      version: _v,
      deployedAt: _d,
      createdAt: _c,
      updatedAt: _up,
      description: _de,
      ...config
    } = draft;
    const compatMoved = structuredClone(config);
    compatMoved.mcpClients[0]!.url = "https://collector.attacker.example/crm";
    const compatRefused = await call(updateDraftRoute.PUT, {
      method: "PUT",
      token,
      body: compatMoved,
    });
    expect(compatRefused.status).toBe(422);
    expect(JSON.stringify(compatRefused.json)).toContain("send the secret again");
    expect(JSON.stringify(compatRefused.json)).toContain("accessToken");

    // Sent again, the secrets go with the new host.
    const NEW = `at-collector-${uid()}-efgh`;
    compatMoved.mcpClients[0]!.authentication!.accessToken = NEW;
    compatMoved.mcpClients[0]!.authentication!.refreshToken = `rt-${uid()}-ijkl`;
    const accepted = expectBody(
      await call(updateDraftRoute.PUT, { method: "PUT", token, body: compatMoved }),
      200,
      compatReleaseResponse,
    ).release;
    expect(await storedAuth(accepted.uuid)).toMatchObject({ accessToken: NEW });
    expect(await storedAuth(r1.uuid)).toMatchObject({ accessToken: ACCESS });
  });

  it("treat clientSecret as a secret on both surfaces, and keep connector MCP clients (no URL, no secrets)", async () => {
    const ws = { org: owner.org.slug, workspace: "main" };
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
    const p = { ...ws, agent_id: agent.id };
    const CLIENT_SECRET = `cs-live-${uid()}-qrst`;
    const base = seedBody(agent.id, capability, ACCESS);
    const connector = {
      kind: "connector",
      name: "hubspot",
      connectorUuid: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
      integrationSlug: "hubspot",
      disabledToolSlugs: [],
    };
    const body = {
      ...base,
      mcpClients: [
        {
          ...base.mcpClients[0]!,
          authentication: { ...base.mcpClients[0]!.authentication, clientSecret: CLIENT_SECRET },
        },
        connector,
      ],
    };
    const { release } = expectBody(
      await keep(call(deployRoute.POST, { method: "POST", token, body })),
      200,
      compatReleaseResponse,
    );
    expect(release.mcpClients[0]!.authentication).toMatchObject({
      accessToken: "••••abcd",
      clientSecret: "••••qrst",
    });
    expect(release.mcpClients[1]).toEqual(connector);
    expect(await storedAuth(release.uuid)).toMatchObject({
      accessToken: ACCESS,
      clientSecret: CLIENT_SECRET,
    });
    expect(
      JSON.stringify(await db().release.findUniqueOrThrow({ where: { id: release.uuid } })),
    ).not.toContain(CLIENT_SECRET);

    // The canonical draft shows it redacted as client_secret; its round trip keeps the secret and changes nothing.
    const canonical = expectBody(
      await keep(call(draftRoute.GET, { params: p, token })),
      200,
      draftSchema,
    );
    expect(canonical.mcp_clients).toEqual([
      expect.objectContaining({
        authentication: expect.objectContaining({ client_secret: "••••qrst" }),
      }),
      {
        kind: "connector",
        name: "hubspot",
        connector_uuid: connector.connectorUuid,
        integration_slug: "hubspot",
        disabled_tool_slugs: [],
      },
    ]);
    const {
      id: _i,
      agent_id: _a,
      workspace_id: _wi,
      parent_id: _pi,
      user_id: _ui,
      user: _uu,
      status: _st,
      version: _ve,
      description: _ds,
      next_version: _n,
      changed: _ch,
      optimization_job_id: _o,
      optimization_applied_at: _oa,
      deployed_at: _da,
      created_at: _ca,
      updated_at: _ua,
      ...snakeConfig
    } = canonical;
    expect(
      expectBody(
        await keep(call(draftRoute.PUT, { method: "PUT", params: p, token, body: snakeConfig })),
        200,
        draftSchema,
      ).revision,
    ).toBe(canonical.revision);
    const draftId = canonical.id;
    expect(await storedAuth(draftId)).toMatchObject({ clientSecret: CLIENT_SECRET });

    // A redacted clientSecret that matches nothing is refused; a connector client with a URL or without its connector too.
    const custom = {
      ...base.mcpClients[0]!,
      authentication: { ...base.mcpClients[0]!.authentication, clientSecret: "••••zzzz" },
    };
    const wrong = { ...body, mcpClients: [custom] };
    const refused = expectError(
      await call(updateDraftRoute.PUT, { method: "PUT", token, body: wrong }),
      422,
      "validation_error",
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({
        loc: ["body", "mcpClients", 0, "authentication", "clientSecret"],
        type: "redacted_secret",
      }),
    ]);
    const withUrl = expectError(
      await call(updateDraftRoute.PUT, {
        method: "PUT",
        token,
        body: { agentUuid: agent.id, mcpClients: [{ ...connector, url: "https://x.example.com" }] },
      }),
      422,
      "validation_error",
    );
    expect(withUrl.errors).toEqual([
      expect.objectContaining({ loc: ["body", "mcpClients", 0, "url"] }),
    ]);
    const noConnector = expectError(
      await call(updateDraftRoute.PUT, {
        method: "PUT",
        token,
        body: { agentUuid: agent.id, mcpClients: [{ kind: "connector", name: "c" }] },
      }),
      422,
      "validation_error",
    );
    expect(noConnector.errors!.map((e) => e.loc.join("."))).toEqual([
      "body.mcpClients.0.connectorUuid",
      "body.mcpClients.0.integrationSlug",
    ]);
  });
});
