// Helpers for the agents' API tests: a capability in the catalog to reference, a workspace
// context for calling the services directly, and a complete configuration in the seed's shape
// (every field of seeds/003's deployDraft body, with values).
import type { OrgCtx, WorkspaceCtx } from "@/lib/api/context";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { pushBundle } from "@/lib/catalog/push";
import { setVisibility } from "@/lib/catalog/service";
import { db } from "@/lib/db/client";
import { uid, type TestMember } from "@/lib/testing/api";

/** A context for calling the org's services directly, as the member. */
export function orgCtxOf(m: TestMember): OrgCtx {
  return {
    db: db(),
    requestId: `test-${uid()}`,
    actor: {
      type: "user",
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      scopes: ["read", "write", "admin"],
    },
    org: m.org,
    role: m.role,
  };
}

export async function workspaceCtxOf(m: TestMember, slug = "main"): Promise<WorkspaceCtx> {
  const ws = await db().workspace.findFirstOrThrow({
    where: { orgId: m.org.id, slug },
    select: { id: true, slug: true, name: true },
  });
  return { ...orgCtxOf(m), workspace: ws };
}

/** Pushes `name` (versions given, default 1.0.0) to the member's org; public when asked; with a description when given. */
export async function pushCapability(
  m: TestMember,
  name = `cap-${uid()}`,
  opts: { versions?: string[]; isPublic?: boolean; description?: string } = {},
): Promise<string> {
  const ctx = orgCtxOf(m);
  const description = opts.description ?? "Agents test capability";
  for (const version of opts.versions ?? ["1.0.0"]) {
    await pushBundle(
      ctx,
      packTarGz([
        {
          path: "capability.yaml",
          data: `schema: 1\nname: ${name}\nversion: ${version}\ndescription: ${description}\n`,
        },
        { path: "agents/helper.md", data: "You help with accounts." },
      ]),
      "api",
    );
  }
  if (opts.isPublic) await setVisibility(ctx, name, true);
  return name;
}

/** The seed's deployDraft body with every field set (camelCase), for `agentUuid`. */
export function seedBody(
  agentUuid: string,
  capability: string,
  secret = "at-live-0123456789-abcd",
) {
  return {
    agentUuid,
    actions: [
      {
        name: "Create lead",
        slug: "create-lead",
        description: "Creates a lead in the CRM",
        isBulkAllowed: true,
        config: { pipelineId: "p-1" },
        kind: "tool",
        toolUuid: "tool-42",
        templateSlug: "crm-create",
        waitUntilFinished: true,
      },
    ],
    mcpClients: [
      {
        kind: "http",
        name: "crm",
        url: "https://mcp.example.com/crm",
        authentication: {
          issuedAt: "2026-01-01T00:00:00Z",
          accessToken: secret,
          expiresIn: 3600,
          refreshToken: "rt-live-9876543210-wxyz",
          scope: "crm.read crm.write",
          tokenType: "Bearer",
          clientId: "client-77",
        },
        disabledToolSlugs: ["delete-account"],
      },
    ],
    resources: [
      {
        kind: "model",
        name: "Accounts",
        slug: "accounts",
        description: "CRM accounts",
        integrationSlug: "hubspot",
        modelUuid: "model-1",
        filter: {
          groups: [{ conditions: [{ columnSlug: "country", operator: "eq", value: "FR" }] }],
        },
        selectedColumnSlugs: ["name", "country"],
        limit: 100,
        prompt: "Use for lookups",
        isReadOnly: true,
      },
    ],
    capabilities: [{ slug: capability, config: { depth: 2 } }],
    suggestedActions: [{ text: "Find my top accounts", actions: [{ slug: "create-lead" }] }],
    integrationSlug: "hubspot",
    languageModelSlug: "gpt-4.1",
    systemPrompt: "You are a sales assistant.\nBe concise.",
    withReasoning: true,
    temperature: 0.3,
    maxSteps: 12,
    connectorUuid: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
    output: { type: "text" },
    heartbeat: { intervalMinutes: 60, maxMessages: 5, prompt: "Anything new?" },
    evaluator: { rubric: "Answers cite the CRM record.", threshold: 0.5 },
    description: "First release",
    options: {
      connectorUuidsByIntegrationSlug: { hubspot: "3c90c3cc-0d44-4b50-8888-8dd25736052a" },
      modelUuidsByIntegrationSlug: {},
    },
  };
}
