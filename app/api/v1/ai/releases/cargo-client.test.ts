// Cargo's published client (@cargo-ai/api), unchanged, against the seeds/003 surface: a small
// node:http server turns each of its requests into a Request for the release route it names, so
// the client's own URL building, headers, query encoding and error mapping all run. Every release
// operation (get, list, getDraft, getDeployed, updateDraft, deployDraft) and every error it maps.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApi } from "@cargo-ai/api";
import { agent as agentSchema, releaseDiff } from "@/lib/agents/schemas";
import { pushCapability, seedBody } from "@/lib/agents/testing";
import { db } from "@/lib/db/client";
import { call, expectBody, newOwner, tokenFor, uid, type TestMember } from "@/lib/testing/api";
import * as agentsRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/route";
import * as diffRoute from "@/app/api/v1/org/[org]/ws/[workspace]/agents/[agent_id]/releases/diff/route";
import * as listRoute from "./list/route";
import * as getRoute from "./[uuid]/route";
import * as draftRoute from "./draft/route";
import * as draftUpdateRoute from "./draft/update/route";
import * as draftDeployRoute from "./draft/deploy/route";
import * as deployedRoute from "./deployed/route";
import * as getDraftRoute from "./getDraft/route";
import * as updateDraftRoute from "./updateDraft/route";
import * as deployDraftRoute from "./deployDraft/route";
import * as restoreRoute from "./restore/route";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;

// The release routes as Next's router picks them: a named segment before [uuid].
const R = "/api/v1/ai/releases";
const routes: [string, RouteModule][] = [
  [`${R}/list`, listRoute],
  [`${R}/draft`, draftRoute],
  [`${R}/draft/update`, draftUpdateRoute],
  [`${R}/draft/deploy`, draftDeployRoute],
  [`${R}/deployed`, deployedRoute],
  [`${R}/getDraft`, getDraftRoute],
  [`${R}/updateDraft`, updateDraftRoute],
  [`${R}/deployDraft`, deployDraftRoute],
  [`${R}/restore`, restoreRoute],
];

async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const request = new Request(url, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
  const exact = routes.find(([p]) => p === url.pathname);
  const byId = /^\/api\/v1\/ai\/releases\/([^/]+)$/.exec(url.pathname);
  const [mod, params]: [RouteModule | null, Record<string, string>] = exact
    ? [exact[1], {}]
    : byId
      ? [getRoute as RouteModule, { uuid: decodeURIComponent(byId[1]!) }]
      : [null, {}];
  const handler = mod?.[req.method ?? "GET"];
  const answer = handler
    ? await handler(request, { params: Promise.resolve(params) })
    : Response.json({ detail: `no route ${url.pathname}` }, { status: 404 });
  res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

let server: Server;
let baseUrl: string;
let owner: TestMember;
let token: string;
let capability: string;
let mainId: string;

type ReleaseApi = ReturnType<typeof buildApi>["ai"]["release"];
/** Catalog capability names are not in the client's literal slug list (its types know Cargo's built-ins only): the bodies are cast at the call. */
const D = (b: unknown) => b as Parameters<ReleaseApi["deployDraft"]>[0];
const U = (b: unknown) => b as Parameters<ReleaseApi["updateDraft"]>[0];

/** The client as a user configures it: Quiver's /api as its base URL (it adds /v1 itself). */
const client = (accessToken = token, workspaceUuid?: string) =>
  buildApi({ accessToken, baseUrl, ...(workspaceUuid ? { workspaceUuid } : {}) }).ai.release;

/** What the client threw: its own error class, with the status, reason and message it shows. */
async function failure(
  p: Promise<unknown>,
): Promise<{ status: number; reason: string | undefined; message: string }> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { status: number; reason?: string; message: string } | null;
  expect(err, "the call should have failed").not.toBeNull();
  return { status: err!.status, reason: err!.reason, message: err!.message };
}

async function newAgent(member = owner, t = token, workspace = "main"): Promise<string> {
  const res = await call(agentsRoute.POST, {
    method: "POST",
    params: { org: member.org.slug, workspace },
    token: t,
    body: { name: `agent-${uid()}` },
  });
  return expectBody(res, 201, agentSchema).id;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  owner = await newOwner();
  token = (await tokenFor(owner, ["write"], { workspace: "main" })).secret;
  capability = await pushCapability(owner);
  mainId = (await db().workspace.findFirstOrThrow({ where: { orgId: owner.org.id, slug: "main" } }))
    .id;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Everything Cargo's client types allow in a release, each kind of action, resource and MCP client, nulls where they say `string | null`. */
function fullBody(agentUuid: string) {
  const { description: _d, options, ...seed } = seedBody(agentUuid, capability);
  return {
    ...seed,
    options,
    actions: [
      {
        kind: "tool" as const,
        name: null,
        slug: "create-lead",
        description: null,
        isBulkAllowed: true,
        config: { pipelineId: "p-1" },
        toolUuid: "tool-42",
        templateSlug: null,
        waitUntilFinished: true,
      },
      {
        kind: "agent" as const,
        name: "Researcher",
        slug: "research",
        description: "Asks the research agent",
        isBulkAllowed: false,
        config: {},
        agentUuid: "7d3f1f8e-8f5c-4c8e-9a52-0c6f2b1d9e11",
        templateSlug: null,
        waitUntilFinished: false,
      },
      {
        kind: "connector" as const,
        name: "Send email",
        slug: "send-email",
        description: null,
        isBulkAllowed: false,
        config: { from: "sales" },
        integrationSlug: "gmail",
        connectorUuid: "2b0f4c1e-6a7d-4e8f-9b3a-5c2d1e0f9a87",
        actionSlug: "send",
      },
    ],
    resources: [
      { ...seed.resources[0]!, description: null, prompt: null },
      {
        kind: "file" as const,
        name: null,
        slug: "playbooks",
        description: null,
        prompt: null,
        items: [
          { kind: "file" as const, fileUuid: "f-1" },
          { kind: "folder" as const, folderUuid: "d-9" },
        ],
      },
    ],
    capabilities: [
      { slug: capability, config: { depth: 2 } },
      { slug: "webSearch" as const, config: {} },
      { slug: "codeInterpreter" as const, config: {} },
    ],
    mcpClients: [
      {
        kind: "custom" as const,
        name: "crm",
        url: "https://mcp.example.com/crm",
        disabledToolSlugs: ["delete-account"],
        authentication: {
          issuedAt: "2026-01-01T00:00:00Z",
          accessToken: "at-live-0123456789-abcd",
          refreshToken: "rt-live-9876543210-wxyz",
          clientId: "client-77",
          clientSecret: "cs-live-5555555555-qrst",
        },
      },
      {
        kind: "connector" as const,
        name: "hubspot",
        connectorUuid: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
        integrationSlug: "hubspot",
        disabledToolSlugs: [],
      },
    ],
    output: {
      type: "jsonSchema" as const,
      jsonSchema: {
        type: "object",
        properties: { leadId: { type: "string" } },
        required: ["leadId"],
        additionalProperties: false,
      },
    },
    heartbeat: { intervalMinutes: 60, maxMessages: 5, prompt: null },
  };
}

describe("Cargo's published client (@cargo-ai/api) against /api/v1/ai/releases", () => {
  it("drives every release operation: getDraft, updateDraft (partial), deployDraft, getDeployed, get, list", async () => {
    const agentUuid = await newAgent();
    const api = client();

    // An empty draft: numbers for temperature and maxSteps, as the client's types say.
    const empty = (await api.getDraft({ agentUuid })).release;
    expect(empty).toMatchObject({
      agentUuid,
      status: "draft",
      workspaceUuid: mainId,
      temperature: 0.7,
      maxSteps: 10,
      systemPrompt: "",
    });

    // The natural partial update: only what it names changes.
    const body = fullBody(agentUuid);
    const saved = (await api.updateDraft(U(body))).release;
    const prompted = (await api.updateDraft({ agentUuid, systemPrompt: "Only this changes." }))
      .release;
    const { systemPrompt: _s, updatedAt: _u, ...rest } = saved;
    expect(prompted).toMatchObject({ ...rest, systemPrompt: "Only this changes." });

    // Nothing sent was dropped: every kind of action, resource and MCP client, output.jsonSchema, the nulls.
    expect(saved.actions).toEqual(
      body.actions.map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null))),
    );
    expect(saved.resources[1]).toEqual({
      kind: "file",
      slug: "playbooks",
      items: body.resources[1]!.items,
    });
    expect(saved.output).toEqual(body.output);
    expect(saved.heartbeat).toEqual({ intervalMinutes: 60, maxMessages: 5 });
    expect(saved.capabilities).toEqual(body.capabilities);
    // The client turns nulls into undefined; the wire kept them.
    const raw = await call(getDraftRoute.GET, { path: `/x?agentUuid=${agentUuid}`, token });
    const wire = (
      raw.json as {
        release: {
          actions: Record<string, unknown>[];
          resources: Record<string, unknown>[];
          heartbeat: Record<string, unknown>;
        };
      }
    ).release;
    expect(wire.actions[0]).toMatchObject({ name: null, description: null, templateSlug: null });
    expect(wire.resources[1]).toMatchObject({ name: null, description: null, prompt: null });
    expect(wire.heartbeat.prompt).toBeNull();
    // Secrets, clientSecret included, leave redacted and are stored encrypted.
    expect(saved.mcpClients).toEqual([
      {
        ...body.mcpClients[0],
        authentication: {
          ...body.mcpClients[0]!.authentication,
          accessToken: "••••abcd",
          refreshToken: "••••wxyz",
          clientSecret: "••••qrst",
        },
      },
      body.mcpClients[1],
    ]);
    const stored = await db().release.findFirstOrThrow({ where: { draftOf: agentUuid } });
    expect(JSON.stringify(stored.mcpClients)).not.toContain("cs-live-5555555555-qrst");

    // Deploy: the whole body; the answer is the release, its capabilities pinned.
    const deployed = (
      await api.deployDraft(D({ ...body, systemPrompt: "Deployed prompt", description: "First" }))
    ).release;
    expect(deployed).toMatchObject({
      agentUuid,
      status: "deployed",
      version: "1.0.0",
      description: "First",
      systemPrompt: "Deployed prompt",
      actions: saved.actions,
      output: body.output,
    });
    expect(deployed.capabilities).toEqual([
      { ...body.capabilities[0], resolvedVersion: "1.0.0" },
      { ...body.capabilities[1] },
      { ...body.capabilities[2] },
    ]);
    expect(deployed.mcpClients).toEqual(saved.mcpClients);

    expect((await api.getDeployed({ agentUuid })).release).toEqual(deployed);
    expect((await api.get(deployed.uuid)).release).toEqual(deployed);
    expect((await api.list({ agentUuid })).releases).toEqual([deployed]);
    // statuses[] as the client encodes it; no agentUuid: the whole workspace; userUuid.
    const withDraft = (await api.list({ agentUuid, statuses: ["draft", "deployed"] })).releases;
    expect(withDraft.map((r) => r.status).sort()).toEqual(["deployed", "draft"]);
    expect((await api.list({ agentUuid, statuses: ["archived"] })).releases).toEqual([]);
    const workspaceWide = (await api.list({ limit: 100 })).releases;
    expect(workspaceWide.map((r) => r.uuid)).toContain(deployed.uuid);
    expect(workspaceWide.every((r) => r.workspaceUuid === mainId && r.status !== "draft")).toBe(
      true,
    );
    expect((await api.list({ agentUuid, userUuid: owner.user.id })).releases).toEqual([deployed]);
    expect(
      (await api.list({ agentUuid, userUuid: "5f1c1a38-2f4e-4b43-9a8e-1d2c3b4a5e6f" })).releases,
    ).toEqual([]);
  });

  it("serves the documented names too, with the same behaviour", async () => {
    const agentUuid = await newAgent();
    const documented = (await call(getDraftRoute.GET, {
      path: `/x?agentUuid=${agentUuid}`,
      token,
    }).then((r) => r.json)) as { release: { uuid: string } };
    expect((await client().getDraft({ agentUuid })).release.uuid).toBe(documented.release.uuid);
    const partial = await call(updateDraftRoute.PUT, {
      method: "PUT",
      token,
      body: { agentUuid, systemPrompt: "Via updateDraft" },
    });
    expect(partial.status).toBe(200);
    const deployed = await call(deployDraftRoute.POST, {
      method: "POST",
      token,
      body: { ...seedBody(agentUuid, capability), systemPrompt: "Via deployDraft" },
    });
    expect(deployed.status).toBe(200);
    expect((await client().getDeployed({ agentUuid })).release).toMatchObject({
      systemPrompt: "Via deployDraft",
      version: "1.0.0",
    });
  });

  it('maps every error to the seed\'s reason and a readable message, never "Unknown error"', async () => {
    const api = client();
    const agentUuid = await newAgent();
    const missingAgent = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";

    const noAgent = await failure(api.updateDraft({ agentUuid: missingAgent, systemPrompt: "x" }));
    expect(noAgent).toMatchObject({ status: 404, reason: "agentNotFound" });
    expect(noAgent.message).toMatch(/Agent '9b1deb4d-.*' not found/);
    expect(await failure(api.deployDraft(D(fullBody(missingAgent))))).toMatchObject({
      status: 404,
      reason: "agentNotFound",
    });
    expect(await failure(api.getDraft({ agentUuid: missingAgent }))).toMatchObject({
      status: 404,
      reason: "agentNotFound",
    });

    const notDeployed = await failure(api.getDeployed({ agentUuid }));
    expect(notDeployed).toMatchObject({ status: 404, reason: "releaseNotFound" });
    expect(notDeployed.message).toMatch(/no deployed release/);
    expect(await failure(api.get("3c90c3cc-0d44-4b50-8888-8dd25736052a"))).toMatchObject({
      status: 404,
      reason: "releaseNotFound",
      message: "Release '3c90c3cc-0d44-4b50-8888-8dd25736052a' not found",
    });

    const first = (await api.deployDraft(D(fullBody(agentUuid)))).release;
    const badParent = await failure(
      api.updateDraft({
        agentUuid,
        parentUuid: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
        systemPrompt: "x",
      }),
    );
    expect(badParent).toMatchObject({ status: 409, reason: "invalidParent" });
    expect(badParent.message).toMatch(
      new RegExp(`^invalidParent: the draft is drafted from release '${first.uuid}'`),
    );

    const badVersion = await failure(
      api.deployDraft(D({ ...fullBody(agentUuid), systemPrompt: "v2", version: "0.9.0" })),
    );
    expect(badVersion).toMatchObject({ status: 422, reason: "invalidReleaseVersion" });
    expect(badVersion.message).toMatch(/0\.9\.0 is not greater than the deployed version 1\.0\.0/);

    // A field the client's types do not have is refused by name, never dropped.
    const unknownField = await failure(
      api.updateDraft({
        agentUuid,
        actions: [{ ...fullBody(agentUuid).actions[0]!, retries: 3 } as never],
      }),
    );
    expect(unknownField.status).toBe(422);
    expect(unknownField.message).toMatch(/actions\.0: .*retries/);
    const noUrl = await failure(
      api.updateDraft({
        agentUuid,
        mcpClients: [
          { kind: "custom", name: "x", authentication: null, disabledToolSlugs: [] } as never,
        ],
      }),
    );
    expect(noUrl.message).toMatch(/mcpClients\.0\.url: required/);
    const unknownCap = await failure(
      api.updateDraft({ agentUuid, capabilities: [{ slug: "teleport", config: {} } as never] }),
    );
    expect(unknownCap.message).toMatch(/Unknown capability: 'teleport'/);
  });

  it("honours selected-workspace-uuid: a workspace of the token's org, else 404", async () => {
    const staging = await db().workspace.create({
      data: { orgId: owner.org.id, slug: `staging-${uid()}`, name: "Staging" },
    });
    const stagingAgent = await newAgent(owner, token, staging.slug);
    const mainAgent = await newAgent();

    // The main-workspace token, pointed at staging by the header.
    const inStaging = client(token, staging.id);
    expect((await inStaging.getDraft({ agentUuid: stagingAgent })).release.workspaceUuid).toBe(
      staging.id,
    );
    expect(await failure(inStaging.getDraft({ agentUuid: mainAgent }))).toMatchObject({
      status: 404,
      reason: "agentNotFound",
    });
    const deployed = (await inStaging.deployDraft(D(fullBody(stagingAgent)))).release;
    expect(deployed.workspaceUuid).toBe(staging.id);
    expect(await failure(client().get(deployed.uuid))).toMatchObject({ status: 404 });

    // A token with no default workspace works with the header.
    const bare = (await tokenFor(owner, ["write"])).secret;
    expect((await client(bare, staging.id).get(deployed.uuid)).release.uuid).toBe(deployed.uuid);

    // Another org's workspace, or none at all: 404.
    const stranger = await newOwner();
    const theirs = await db().workspace.findFirstOrThrow({
      where: { orgId: stranger.org.id, slug: "main" },
    });
    const foreign = await failure(client(token, theirs.id).getDraft({ agentUuid: mainAgent }));
    expect(foreign).toMatchObject({ status: 404, reason: "workspaceNotFound" });
    expect(foreign.message).toMatch(/Workspace '.*' not found/);
    expect(
      await failure(client(token, "7c9e6679-7425-40de-944b-e07fc1f90ae7").list({})),
    ).toMatchObject({ status: 404 });
  });

  it("pins each capability to the version it resolved to at deploy, shows it and diffs it", async () => {
    const pinned = await pushCapability(owner, `pin-${uid()}`, { versions: ["1.0.0"] });
    const agentUuid = await newAgent();
    const api = client();
    const body = { ...seedBody(agentUuid, pinned), capabilities: [{ slug: pinned, config: {} }] };
    const r1 = (await api.deployDraft(D(body))).release;
    expect(r1.capabilities).toEqual([{ slug: pinned, config: {}, resolvedVersion: "1.0.0" }]);

    // A newer version in the catalog: the release keeps the one it was deployed with.
    await pushCapability(owner, pinned, { versions: ["1.1.0"] });
    expect((await api.get(r1.uuid)).release.capabilities).toEqual([
      { slug: pinned, config: {}, resolvedVersion: "1.0.0" },
    ]);
    // The draft still asks for the floating name; the same body deploys again, now resolving to 1.1.0.
    expect((await api.getDraft({ agentUuid })).release.capabilities).toEqual([
      { slug: pinned, config: {} },
    ]);
    const r2 = (await api.deployDraft(D(body))).release;
    expect(r2).toMatchObject({
      version: "1.0.1",
      capabilities: [{ slug: pinned, config: {}, resolvedVersion: "1.1.0" }],
    });

    // The diff names the change: capabilities, 1.0.0 → 1.1.0.
    const diff = expectBody(
      await call(diffRoute.GET, {
        path: `/x?from=${r1.uuid}&to=${r2.uuid}`,
        params: { org: owner.org.slug, workspace: "main", agent_id: agentUuid },
        token,
      }),
      200,
      releaseDiff,
    );
    expect(diff.unchanged).not.toContain("capabilities");
    expect(diff.changes).toEqual([
      expect.objectContaining({
        field: "capabilities",
        before: [{ slug: pinned, config: {}, resolved_version: "1.0.0" }],
        after: [{ slug: pinned, config: {}, resolved_version: "1.1.0" }],
      }),
    ]);

    // Deploying once more changes nothing (same resolution): nothing to deploy.
    expect(await failure(api.deployDraft(D(body)))).toMatchObject({ status: 409 });
    // Restoring the first release brings its versions back, pinned in the draft.
    const restored = await call(restoreRoute.POST, {
      method: "POST",
      token,
      body: { uuid: r1.uuid },
    });
    expect((restored.json as { release: { capabilities: unknown } }).release.capabilities).toEqual([
      { slug: `${pinned}@1.0.0`, config: {} },
    ]);
  });
});
