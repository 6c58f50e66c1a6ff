// Every canonical route against the same hostile callers: no credentials, a bad, revoked or
// expired token, a token of another org, too low a role or scope, invalid input, malformed JSON.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  call,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type CallOptions,
  type TestMember,
} from "@/lib/testing/api";
import * as orgsRoute from "./orgs/route";
import * as workspacesRoute from "./org/[org]/workspaces/route";
import * as tokensRoute from "./org/[org]/tokens/route";
import * as tokenRoute from "./org/[org]/tokens/[id]/route";
import * as auditRoute from "./org/[org]/audit-events/route";
import * as membersRoute from "./org/[org]/members/route";
import * as memberRoute from "./org/[org]/members/[user_id]/route";
import * as invitationsRoute from "./org/[org]/invitations/route";
import * as invitationRoute from "./org/[org]/invitations/[id]/route";
import * as invitationResendRoute from "./org/[org]/invitations/[id]/resend/route";
import * as capabilitiesRoute from "./org/[org]/capabilities/route";
import * as capabilityRoute from "./org/[org]/capabilities/[name]/route";
import * as trustRoute from "./org/[org]/capabilities/[name]/[version]/trust/route";
import * as diffRoute from "./org/[org]/capabilities/[name]/diff/route";
import * as runtimesRoute from "./org/[org]/ws/[workspace]/runtimes/route";
import * as agentsRoute from "./org/[org]/ws/[workspace]/agents/route";
import * as agentRoute from "./org/[org]/ws/[workspace]/agents/[agent_id]/route";
import * as agentDraftRoute from "./org/[org]/ws/[workspace]/agents/[agent_id]/draft/route";
import * as agentDeployRoute from "./org/[org]/ws/[workspace]/agents/[agent_id]/draft/deploy/route";
import * as agentReleasesRoute from "./org/[org]/ws/[workspace]/agents/[agent_id]/releases/route";
import * as agentDiffRoute from "./org/[org]/ws/[workspace]/agents/[agent_id]/releases/diff/route";
import { createAgent } from "@/lib/agents/agents";
import { updateDraft } from "@/lib/agents/drafts";
import { workspaceCtxOf } from "@/lib/agents/testing";
import * as modelProviderRoute from "./org/[org]/ws/[workspace]/model-provider/route";
import * as modelProviderTestRoute from "./org/[org]/ws/[workspace]/model-provider/test/route";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import type { RoleName, Scope } from "@/lib/auth/roles";

type Handler = Parameters<typeof call>[0];

interface RouteCase {
  name: string;
  handler: Handler;
  method: string;
  /** Builds the request for an org the caller may use. */
  request: (org: string) => Promise<CallOptions> | CallOptions;
  success: number;
  orgScoped: boolean;
  /** A role below the one the route needs (none when every member may call it). */
  lowRole?: RoleName;
  /** Token scopes below the ones the route needs. */
  lowScopes?: Scope[];
  /** Requests with invalid params, query or body, and the `loc` each must name. */
  invalid?: {
    request: (org: string) => Promise<CallOptions> | CallOptions;
    loc: (string | number)[];
  }[];
  hasBody?: boolean;
}

let owner: TestMember;
let ownerToken: string;

beforeAll(async () => {
  owner = await newOwner();
  ownerToken = (await tokenFor(owner, ["admin"])).secret;
});

const bundle = (name: string) =>
  packTarGz([
    {
      path: "capability.yaml",
      data: `schema: 1\nname: ${name}\nversion: 1.0.0\ndescription: Matrix test\n`,
    },
    { path: "agents/a.md", data: "You help." },
  ]);
let pushed: string;

beforeAll(async () => {
  pushed = `matrix-${uid()}`;
  await call(capabilitiesRoute.POST as Handler, {
    method: "POST",
    params: { org: owner.org.slug },
    token: ownerToken,
    bytes: bundle(pushed),
    headers: { "content-type": "application/gzip" },
  });
});

async function someTokenId(): Promise<string> {
  return (await tokenFor(owner, ["read"])).id;
}

async function pendingInvitationId(): Promise<string> {
  const res = await call(invitationsRoute.POST as Handler, {
    method: "POST",
    params: { org: owner.org.slug },
    token: ownerToken,
    body: { email: `matrix-${uid()}@test.quiver`, role: "viewer" },
  });
  return (res.json as { invitation: { id: string } }).invitation.id;
}

/** A fresh member of the matrix's org, for the member routes to change or remove. */
async function someMemberId(): Promise<string> {
  return (await newMember(owner.org, "member")).user.id;
}

// An agent with a deployable draft; `changedDraft` gives it something new to deploy each time.
let agentId: string;
const agentDraft = {
  actions: [],
  resources: [],
  capabilities: [],
  suggested_actions: [],
  mcp_clients: [],
  integration_slug: "hubspot",
  language_model_slug: "gpt-4.1",
};

beforeAll(async () => {
  const ctx = await workspaceCtxOf(owner);
  agentId = (await createAgent(ctx, { name: `matrix-${uid()}`, description: "" })).id;
  await changedDraft();
});

async function draftRevision(): Promise<number> {
  return (await db().release.findUniqueOrThrow({ where: { draftOf: agentId } })).revision;
}

async function changedDraft(): Promise<void> {
  const ctx = await workspaceCtxOf(owner);
  await updateDraft(
    ctx,
    agentId,
    {
      config: {
        actions: [],
        resources: [],
        capabilities: [],
        suggestedActions: [],
        mcpClients: [],
        integrationSlug: "hubspot",
        languageModelSlug: "gpt-4.1",
        systemPrompt: uid(),
      },
    },
    "camel",
  );
}

const cases: RouteCase[] = [
  {
    name: "GET /api/v1/orgs",
    handler: orgsRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: false,
    request: () => ({ path: "/api/v1/orgs" }),
  },
  {
    name: "GET /api/v1/org/{org}/workspaces",
    handler: workspacesRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ path: `/api/v1/org/${org}/workspaces`, params: { org } }),
  },
  {
    name: "POST /api/v1/org/{org}/workspaces",
    handler: workspacesRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    hasBody: true,
    request: (org) => ({
      path: `/api/v1/org/${org}/workspaces`,
      params: { org },
      body: { slug: `ws-${uid()}`, name: "Staging" },
    }),
    invalid: [
      {
        request: (org) => ({ params: { org }, body: { slug: "Not A Slug", name: "x" } }),
        loc: ["body", "slug"],
      },
      {
        request: (org) => ({ params: { org }, body: { slug: "ok", name: "" } }),
        loc: ["body", "name"],
      },
      { request: (org) => ({ params: { org }, body: { name: "x" } }), loc: ["body", "slug"] },
      { request: (org) => ({ params: { org } }), loc: ["body"] },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/tokens",
    handler: tokensRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ path: `/api/v1/org/${org}/tokens`, params: { org } }),
  },
  {
    name: "POST /api/v1/org/{org}/tokens",
    handler: tokensRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowScopes: ["write"],
    hasBody: true,
    request: (org) => ({ params: { org }, body: { name: "ci", scopes: ["read"] } }),
    invalid: [
      {
        request: (org) => ({ params: { org }, body: { name: "ci", scopes: ["root"] } }),
        loc: ["body", "scopes", 0],
      },
      {
        request: (org) => ({ params: { org }, body: { name: "ci", scopes: [] } }),
        loc: ["body", "scopes"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { name: "ci", scopes: ["read"], expires_at: "tomorrow" },
        }),
        loc: ["body", "expires_at"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { name: "ci", scopes: ["read"], expires_at: "2001-01-01T00:00:00Z" },
        }),
        loc: ["body", "expires_at"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { name: "ci", scopes: ["read"], workspace: "nope" },
        }),
        loc: ["body", "workspace"],
      },
    ],
  },
  {
    name: "DELETE /api/v1/org/{org}/tokens/{id}",
    handler: tokenRoute.DELETE as Handler,
    method: "DELETE",
    success: 204,
    orgScoped: true,
    lowScopes: ["write"],
    request: async (org) => ({ params: { org, id: await someTokenId() } }),
    invalid: [{ request: (org) => ({ params: { org, id: "not-a-uuid" } }), loc: ["path", "id"] }],
  },
  {
    name: "GET /api/v1/org/{org}/members",
    handler: membersRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ path: `/api/v1/org/${org}/members`, params: { org } }),
    invalid: [
      {
        request: (org) => ({ path: `/api/v1/org/${org}/members?limit=0`, params: { org } }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/members?page=0`, params: { org } }),
        loc: ["query", "page"],
      },
    ],
  },
  {
    name: "PATCH /api/v1/org/{org}/members/{user_id}",
    handler: memberRoute.PATCH as Handler,
    method: "PATCH",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    hasBody: true,
    request: async (org) => ({
      params: { org, user_id: await someMemberId() },
      body: { role: "viewer" },
    }),
    invalid: [
      {
        request: async (org) => ({
          params: { org, user_id: await someMemberId() },
          body: { role: "root" },
        }),
        loc: ["body", "role"],
      },
      {
        request: (org) => ({ params: { org, user_id: "not-a-uuid" }, body: { role: "viewer" } }),
        loc: ["path", "user_id"],
      },
    ],
  },
  {
    name: "DELETE /api/v1/org/{org}/members/{user_id}",
    handler: memberRoute.DELETE as Handler,
    method: "DELETE",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    request: async (org) => ({ params: { org, user_id: await someMemberId() } }),
    invalid: [
      { request: (org) => ({ params: { org, user_id: "not-a-uuid" } }), loc: ["path", "user_id"] },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/invitations",
    handler: invitationsRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    request: (org) => ({ path: `/api/v1/org/${org}/invitations`, params: { org } }),
  },
  {
    name: "POST /api/v1/org/{org}/invitations",
    handler: invitationsRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    hasBody: true,
    request: (org) => ({
      path: `/api/v1/org/${org}/invitations`,
      params: { org },
      body: { email: `matrix-${uid()}@test.quiver`, role: "member" },
    }),
    invalid: [
      {
        request: (org) => ({ params: { org }, body: { email: "not an email", role: "member" } }),
        loc: ["body", "email"],
      },
      {
        request: (org) => ({
          params: { org },
          body: { email: `matrix-${uid()}@test.quiver`, role: "root" },
        }),
        loc: ["body", "role"],
      },
      { request: (org) => ({ params: { org } }), loc: ["body"] },
    ],
  },
  {
    name: "DELETE /api/v1/org/{org}/invitations/{id}",
    handler: invitationRoute.DELETE as Handler,
    method: "DELETE",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    request: async (org) => ({ params: { org, id: await pendingInvitationId() } }),
    invalid: [{ request: (org) => ({ params: { org, id: "not-a-uuid" } }), loc: ["path", "id"] }],
  },
  {
    name: "POST /api/v1/org/{org}/invitations/{id}/resend",
    handler: invitationResendRoute.POST as Handler,
    method: "POST",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    request: async (org) => ({
      path: `/api/v1/org/${org}/invitations/x/resend`,
      params: { org, id: await pendingInvitationId() },
    }),
    invalid: [{ request: (org) => ({ params: { org, id: "not-a-uuid" } }), loc: ["path", "id"] }],
  },
  {
    name: "GET /api/v1/org/{org}/audit-events",
    handler: auditRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    request: (org) => ({ path: `/api/v1/org/${org}/audit-events`, params: { org } }),
    invalid: [
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?limit=0`, params: { org } }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?limit=101`, params: { org } }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?page=0`, params: { org } }),
        loc: ["query", "page"],
      },
      {
        request: (org) => ({ path: `/api/v1/org/${org}/audit-events?page=abc`, params: { org } }),
        loc: ["query", "page"],
      },
    ],
  },
  {
    name: "POST /api/v1/org/{org}/capabilities",
    handler: capabilitiesRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowRole: "viewer",
    lowScopes: ["read"],
    request: (org) => ({
      params: { org },
      bytes: bundle(`m-${uid()}`),
      headers: { "content-type": "application/gzip" },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org },
          bytes: Buffer.alloc(0),
          headers: { "content-type": "application/gzip" },
        }),
        loc: ["body"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/capabilities/{name}",
    handler: capabilityRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, name: pushed } }),
    invalid: [
      { request: (org) => ({ params: { org, name: "Not_A_Name" } }), loc: ["path", "name"] },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/capabilities/{name}/{version}/trust",
    handler: trustRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, name: pushed, version: "1.0.0" } }),
    invalid: [
      {
        request: (org) => ({ params: { org, name: pushed, version: "1.0" } }),
        loc: ["path", "version"],
      },
      {
        request: (org) => ({ params: { org, name: "a/b/c", version: "1.0.0" } }),
        loc: ["path", "name"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/capabilities/{name}/diff",
    handler: diffRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ path: "/x?from=1.0.0&to=1.0.0", params: { org, name: pushed } }),
    invalid: [
      {
        request: (org) => ({ path: "/x?from=v1", params: { org, name: pushed } }),
        loc: ["query", "from"],
      },
      {
        request: (org) => ({ path: "/x?from=1.0.0&to=latest", params: { org, name: pushed } }),
        loc: ["query", "to"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/ws/{workspace}/runtimes",
    handler: runtimesRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  {
    name: "POST /api/v1/org/{org}/ws/{workspace}/runtimes",
    handler: runtimesRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowRole: "viewer",
    lowScopes: ["read"],
    request: (org) => ({ params: { org, workspace: "main" }, body: { name: `matrix-${uid()}` } }),
    invalid: [
      {
        request: (org) => ({ params: { org, workspace: "main" }, body: { name: "" } }),
        loc: ["body", "name"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { description: "no name" },
        }),
        loc: ["body", "name"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/ws/{workspace}/model-provider",
    handler: modelProviderRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  {
    name: "PUT /api/v1/org/{org}/ws/{workspace}/model-provider",
    handler: modelProviderRoute.PUT as Handler,
    method: "PUT",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    hasBody: true,
    request: (org) => ({
      params: { org, workspace: "main" },
      body: {
        base_url: "http://127.0.0.1:1/v1",
        model: "matrix-model",
        api_key: "sk-matrix-0123456789",
      },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "ftp://x.example.com", model: "m" },
        }),
        loc: ["body", "base_url"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1" },
        }),
        loc: ["body", "model"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1", model: "m", max_concurrency: 65 },
        }),
        loc: ["body", "max_concurrency"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1", model: "m", timeout_ms: 999 },
        }),
        loc: ["body", "timeout_ms"],
      },
      { request: (org) => ({ params: { org, workspace: "main" } }), loc: ["body"] },
    ],
  },
  {
    name: "DELETE /api/v1/org/{org}/ws/{workspace}/model-provider",
    handler: modelProviderRoute.DELETE as Handler,
    method: "DELETE",
    success: 204,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  {
    // Nothing listens on port 1: the test answers 200 with ok:false at once.
    name: "POST /api/v1/org/{org}/ws/{workspace}/model-provider/test",
    handler: modelProviderTestRoute.POST as Handler,
    method: "POST",
    success: 200,
    orgScoped: true,
    lowRole: "member",
    lowScopes: ["write"],
    hasBody: true,
    request: (org) => ({
      params: { org, workspace: "main" },
      body: { base_url: "http://127.0.0.1:1/v1", model: "matrix-model" },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "not a url", model: "m" },
        }),
        loc: ["body", "base_url"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { base_url: "http://127.0.0.1:1/v1", model: "m", max_concurrency: 0 },
        }),
        loc: ["body", "max_concurrency"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/ws/{workspace}/agents",
    handler: agentsRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, workspace: "main" } }),
  },
  {
    name: "POST /api/v1/org/{org}/ws/{workspace}/agents",
    handler: agentsRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowRole: "viewer",
    lowScopes: ["read"],
    hasBody: true,
    request: (org) => ({ params: { org, workspace: "main" }, body: { name: `matrix-${uid()}` } }),
    invalid: [
      {
        request: (org) => ({ params: { org, workspace: "main" }, body: { name: "" } }),
        loc: ["body", "name"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main" },
          body: { description: "no name" },
        }),
        loc: ["body", "name"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}",
    handler: agentRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, workspace: "main", agent_id: agentId } }),
    invalid: [
      {
        request: (org) => ({ params: { org, workspace: "main", agent_id: "not-a-uuid" } }),
        loc: ["path", "agent_id"],
      },
    ],
  },
  {
    name: "PUT /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/draft",
    handler: agentDraftRoute.PUT as Handler,
    method: "PUT",
    success: 200,
    orgScoped: true,
    lowRole: "viewer",
    lowScopes: ["read"],
    hasBody: true,
    request: async (org) => ({
      params: { org, workspace: "main", agent_id: agentId },
      body: { ...agentDraft, revision: await draftRevision() },
    }),
    invalid: [
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { ...agentDraft, revision: 1, temperature: 2 },
        }),
        loc: ["body", "temperature"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { ...agentDraft, actions: undefined, revision: 1 },
        }),
        loc: ["body", "actions"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: agentDraft,
        }),
        loc: ["body", "revision"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { ...agentDraft, revision: 1, connector_uuid: "nope" },
        }),
        loc: ["body", "connector_uuid"],
      },
    ],
  },
  {
    name: "POST /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/draft/deploy",
    handler: agentDeployRoute.POST as Handler,
    method: "POST",
    success: 201,
    orgScoped: true,
    lowRole: "viewer",
    lowScopes: ["read"],
    request: async (org) => {
      await changedDraft();
      return { params: { org, workspace: "main", agent_id: agentId }, body: {} };
    },
    invalid: [
      {
        request: async (org) => {
          await changedDraft();
          return {
            params: { org, workspace: "main", agent_id: agentId },
            body: { version: "1.2" },
          };
        },
        loc: ["body", "version"],
      },
      {
        request: (org) => ({
          params: { org, workspace: "main", agent_id: agentId },
          body: { revision: "two" },
        }),
        loc: ["body", "revision"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases",
    handler: agentReleasesRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, workspace: "main", agent_id: agentId } }),
    invalid: [
      {
        request: (org) => ({
          path: "/x?limit=0",
          params: { org, workspace: "main", agent_id: agentId },
        }),
        loc: ["query", "limit"],
      },
      {
        request: (org) => ({
          path: "/x?offset=-1",
          params: { org, workspace: "main", agent_id: agentId },
        }),
        loc: ["query", "offset"],
      },
    ],
  },
  {
    name: "GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases/diff",
    handler: agentDiffRoute.GET as Handler,
    method: "GET",
    success: 200,
    orgScoped: true,
    request: (org) => ({ params: { org, workspace: "main", agent_id: agentId } }),
    invalid: [
      {
        request: (org) => ({
          path: "/x?from=latest",
          params: { org, workspace: "main", agent_id: agentId },
        }),
        loc: ["query", "from"],
      },
    ],
  },
];

describe.each(cases)("$name", (rc) => {
  const send = async (org: string, extra: CallOptions) =>
    call(rc.handler, { method: rc.method, ...(await rc.request(org)), ...extra });

  it("succeeds with a token and with a session", async () => {
    expect((await send(owner.org.slug, { token: ownerToken })).status).toBe(rc.success);
    expect(
      (await send(owner.org.slug, { cookie: await sessionCookie(owner.user.id) })).status,
    ).toBe(rc.success);
  });

  it("answers 401 with no credentials", async () => {
    const res = await send(owner.org.slug, {});
    expectError(res, 401, "authentication_error");
  });

  it("answers 401 to a bad token, a malformed header and a forged session", async () => {
    expectError(
      await send(owner.org.slug, { token: "qvr_not-a-real-token-at-all" }),
      401,
      "authentication_error",
    );
    expectError(
      await send(owner.org.slug, { token: "sk-something-else" }),
      401,
      "authentication_error",
    );
    expectError(
      await send(owner.org.slug, { headers: { authorization: "Basic dXNlcjpwYXNz" } }),
      401,
      "authentication_error",
    );
    expectError(
      await send(owner.org.slug, { cookie: "next-auth.session-token=forged.jwt.value" }),
      401,
      "authentication_error",
    );
  });

  it("answers 401 to a revoked token and an expired token", async () => {
    const revoked = await tokenFor(owner, ["admin"]);
    await db().apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect((await send(owner.org.slug, { token: revoked.secret })).json).toMatchObject({
      detail: "This API token has been revoked",
    });
    expectError(await send(owner.org.slug, { token: revoked.secret }), 401, "authentication_error");
    const expired = await tokenFor(owner, ["admin"], {
      expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    await db().apiToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectError(await send(owner.org.slug, { token: expired.secret }), 401, "authentication_error");
  });

  if (rc.orgScoped) {
    it("answers 404 to a token of another org, exactly as for an org that does not exist", async () => {
      const stranger = await newOwner();
      const strangerToken = (await tokenFor(stranger, ["admin"])).secret;
      const hidden = expectError(
        await send(owner.org.slug, { token: strangerToken }),
        404,
        "not_found_error",
      );
      const missing = expectError(
        await send(`missing-${uid()}`, { token: strangerToken }),
        404,
        "not_found_error",
      );
      expect(hidden.detail.replace(owner.org.slug, "X")).toBe(
        missing.detail.replace(/missing-\w+/, "X"),
      );
      // A member of both orgs whose token was issued for the other one sees nothing here either.
      const both = await newMember(stranger.org, "admin");
      await db().membership.create({
        data: { userId: both.user.id, orgId: owner.org.id, role: "owner" },
      });
      const otherOrgToken = (await tokenFor(both, ["admin"])).secret;
      expectError(await send(owner.org.slug, { token: otherOrgToken }), 404, "not_found_error");
      // Nor does the stranger's session see the org.
      expectError(
        await send(owner.org.slug, { cookie: await sessionCookie(stranger.user.id) }),
        404,
        "not_found_error",
      );
    });
  } else {
    it("shows a token only its own org", async () => {
      const other = await newOwner();
      await newMember(other.org, "member").then(async (m) => {
        const t = (await tokenFor(m, ["read"])).secret;
        const res = await send(other.org.slug, { token: t });
        const slugs = (res.json as { orgs: { slug: string }[] }).orgs.map((o) => o.slug);
        expect(slugs).toEqual([other.org.slug]);
      });
    });
  }

  if (rc.lowRole) {
    it(`answers 403 to a ${rc.lowRole}`, async () => {
      const low = await newMember(owner.org, rc.lowRole!);
      expectError(
        await send(owner.org.slug, { cookie: await sessionCookie(low.user.id) }),
        403,
        "forbidden_error",
      );
    });
  }

  if (rc.lowScopes) {
    it(`answers 403 to a token with only ${rc.lowScopes.join(",")}`, async () => {
      const t = (await tokenFor(owner, rc.lowScopes)).secret;
      const payload = expectError(await send(owner.org.slug, { token: t }), 403, "forbidden_error");
      expect(payload.detail).toMatch(/scope/);
    });
  }

  for (const bad of rc.invalid ?? []) {
    it(`answers 422 naming ${bad.loc.join(".")}`, async () => {
      const res = await call(rc.handler, {
        method: rc.method,
        token: ownerToken,
        ...(await bad.request(owner.org.slug)),
      });
      const payload = expectError(res, 422, "validation_error");
      expect(payload.errors?.map((e) => e.loc)).toContainEqual(bad.loc);
    });
  }

  if (rc.hasBody) {
    it("answers 422 to malformed JSON and 400 to a body over the limit", async () => {
      const req = await rc.request(owner.org.slug);
      const malformed = await call(rc.handler, {
        method: rc.method,
        token: ownerToken,
        params: req.params,
        rawBody: '{"name": "x",',
      });
      const payload = expectError(malformed, 422, "validation_error");
      expect(payload.errors?.[0]).toMatchObject({ loc: ["body"], type: "json_invalid" });
      const huge = await call(rc.handler, {
        method: rc.method,
        token: ownerToken,
        params: req.params,
        rawBody: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }),
      });
      expectError(huge, 400, "invalid_error");
    });
  }
});
