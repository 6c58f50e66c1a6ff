// What the matrix's explicit table (route-matrix-cases-*.ts) works on: the org, its owner, a pushed
// capability, an agent with a deployable draft, and the entries' type.
import { db } from "@/lib/db/client";
import {
  call,
  newMember,
  newOwner,
  tokenFor,
  uid,
  type CallOptions,
  type CallResult,
  type TestMember,
} from "@/lib/testing/api";
import { createAgent } from "@/lib/agents/agents";
import { updateDraft } from "@/lib/agents/drafts";
import { workspaceCtxOf } from "@/lib/agents/testing";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import * as capabilitiesRoute from "./org/[org]/capabilities/route";
import * as invitationsRoute from "./org/[org]/invitations/route";
import type { Loc } from "./route-matrix-derive";

export type Handler = Parameters<typeof call>[0];
type Request = (org: string) => Promise<CallOptions> | CallOptions;
export type Send = (org: string, extra: CallOptions) => Promise<CallResult>;

export interface ExplicitCase {
  /** Builds a request that succeeds for an org the caller may use. */
  request?: Request;
  success?: number;
  /** Requests with invalid params, query or body, and the `loc` each must name. */
  invalid?: { request: Request; loc: Loc }[];
  /** Checks of this route only. */
  extra?: { name: string; run: (send: Send) => Promise<void> }[];
  /** Why a token is refused (403) where a session succeeds. */
  sessionOnly?: string;
  /** A public operation: why no caller is refused (its input checks still run). */
  public?: string;
}

export let owner: TestMember;
export let ownerToken: string;
export let pushed: string;
export let agentId: string;

export const bundle = (name: string) =>
  packTarGz([
    {
      path: "capability.yaml",
      data: `schema: 1\nname: ${name}\nversion: 1.0.0\ndescription: Matrix test\n`,
    },
    { path: "agents/a.md", data: "You help." },
  ]);

/** The org the matrix works in: its owner, a pushed capability and an agent with a draft. */
export async function setupFixtures(): Promise<void> {
  owner = await newOwner();
  ownerToken = (await tokenFor(owner, ["admin"])).secret;
  pushed = `matrix-${uid()}`;
  await call(capabilitiesRoute.POST as Handler, {
    method: "POST",
    params: { org: owner.org.slug },
    token: ownerToken,
    bytes: bundle(pushed),
    headers: { "content-type": "application/gzip" },
  });
  const ctx = await workspaceCtxOf(owner);
  agentId = (await createAgent(ctx, { name: `matrix-${uid()}`, description: "" })).id;
  await changedDraft();
}

export async function someTokenId(): Promise<string> {
  return (await tokenFor(owner, ["read"])).id;
}

export async function pendingInvitationId(): Promise<string> {
  const res = await call(invitationsRoute.POST as Handler, {
    method: "POST",
    params: { org: owner.org.slug },
    token: ownerToken,
    body: { email: `matrix-${uid()}@test.quiver`, role: "viewer" },
  });
  return (res.json as { invitation: { id: string } }).invitation.id;
}

/** A fresh member of the matrix's org, for the member routes to change or remove. */
export async function someMemberId(): Promise<string> {
  return (await newMember(owner.org, "member")).user.id;
}

// The agent's deployable draft; `changedDraft` gives it something new to deploy each time.
export const agentDraft = {
  actions: [],
  resources: [],
  capabilities: [],
  suggested_actions: [],
  mcp_clients: [],
  integration_slug: "hubspot",
  language_model_slug: "gpt-4.1",
};

export async function draftRevision(): Promise<number> {
  return (await db().release.findUniqueOrThrow({ where: { draftOf: agentId } })).revision;
}

export async function changedDraft(): Promise<void> {
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
