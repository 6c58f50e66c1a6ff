// Agents, drafts and releases in their API shapes: the seed's camelCase release (seeds/003) and
// the canonical snake_case one. MCP client secrets only ever leave redacted (publicClients).
import type { z } from "zod";
import type { compatRelease } from "./compat-schemas";
import { configOf, renameKeys, toSnake } from "./config";
import type { AgentView } from "./agents";
import type { ReleaseDiff } from "./releases";
import type {
  agent as agentSchema,
  draft as draftSchema,
  release as releaseSchema,
  releaseDiff,
  releaseSummary,
} from "./schemas";
import { publicClients } from "./secrets";
import type { DraftView, StoredRelease, UserRef } from "./store";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const user = (u: UserRef | null) => (u ? { id: u.id, email: u.email, name: u.name } : null);
const isDraft = (r: StoredRelease | DraftView): r is DraftView =>
  r.status === "draft" && "nextVersion" in r;
type Compat = z.input<typeof compatRelease>;
type Status = Compat["status"];

/** What the seed's release shows for an unset temperature and step limit: Cargo's client types them as numbers, never null. */
const COMPAT_DEFAULT_TEMPERATURE = 0.7;
const COMPAT_DEFAULT_MAX_STEPS = 10;

export function toCompatRelease(r: StoredRelease | DraftView): Compat {
  const c = configOf(r);
  return {
    uuid: r.id,
    parentUuid: r.parentId,
    workspaceUuid: r.workspaceId,
    userUuid: r.userId,
    agentUuid: r.agentId,
    description: r.description,
    templateSlug: c.templateSlug,
    version: r.version ?? (isDraft(r) ? (r.nextVersion ?? "") : ""),
    actions: c.actions as Compat["actions"],
    resources: c.resources as Compat["resources"],
    capabilities: c.capabilities,
    suggestedActions: c.suggestedActions as Compat["suggestedActions"],
    systemPrompt: c.systemPrompt,
    withReasoning: c.withReasoning,
    temperature: c.temperature ?? COMPAT_DEFAULT_TEMPERATURE,
    maxSteps: c.maxSteps ?? COMPAT_DEFAULT_MAX_STEPS,
    integrationSlug: c.integrationSlug,
    connectorUuid: c.connectorUuid,
    languageModelSlug: c.languageModelSlug,
    mcpClients: publicClients(c.mcpClients) as Compat["mcpClients"],
    output: c.output as Compat["output"],
    heartbeat: c.heartbeat as Compat["heartbeat"],
    evaluator: c.evaluator as Compat["evaluator"],
    deployedAt: iso(r.deployedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    status: r.status as Status,
  };
}

type Release = z.input<typeof releaseSchema>;
const snake = <K extends keyof Release>(v: unknown) => renameKeys(v, toSnake) as Release[K];

export function toRelease(r: StoredRelease): Release {
  const c = configOf(r);
  return {
    id: r.id,
    agent_id: r.agentId,
    workspace_id: r.workspaceId,
    parent_id: r.parentId,
    user_id: r.userId,
    user: user(r.user),
    status: r.status as Status,
    version: r.version,
    description: r.description,
    template_slug: c.templateSlug,
    actions: snake<"actions">(c.actions),
    resources: snake<"resources">(c.resources),
    capabilities: snake<"capabilities">(c.capabilities),
    suggested_actions: snake<"suggested_actions">(c.suggestedActions),
    system_prompt: c.systemPrompt,
    with_reasoning: c.withReasoning,
    temperature: c.temperature,
    max_steps: c.maxSteps,
    integration_slug: c.integrationSlug,
    connector_uuid: c.connectorUuid,
    language_model_slug: c.languageModelSlug,
    mcp_clients: snake<"mcp_clients">(publicClients(c.mcpClients)),
    output: snake<"output">(c.output),
    heartbeat: snake<"heartbeat">(c.heartbeat),
    evaluator: snake<"evaluator">(c.evaluator),
    revision: r.revision,
    optimization_job_id: r.optimizationJobId,
    optimization_applied_at: iso(r.optimizationAppliedAt),
    deployed_at: iso(r.deployedAt),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function toDraft(d: DraftView): z.input<typeof draftSchema> {
  return { ...toRelease(d), next_version: d.nextVersion, changed: d.changed };
}

export function toReleaseSummary(r: StoredRelease): z.input<typeof releaseSummary> {
  return {
    id: r.id,
    version: r.version ?? "",
    status: r.status as Status,
    description: r.description,
    parent_id: r.parentId,
    user: user(r.user),
    optimization_job_id: r.optimizationJobId,
    deployed_at: iso(r.deployedAt),
    created_at: r.createdAt.toISOString(),
  };
}

export function toAgent(a: AgentView): z.input<typeof agentSchema> {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    deployed_release: a.deployed && {
      id: a.deployed.id,
      version: a.deployed.version ?? "",
      deployed_at: iso(a.deployed.deployedAt) ?? "",
      deployed_by: user(a.deployed.user),
    },
    release_count: a.releaseCount,
    draft_id: a.draft?.id ?? null,
    draft_revision: a.draft?.revision ?? null,
    draft_changed: a.draftChanged,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export function toReleaseDiff(d: ReleaseDiff): z.input<typeof releaseDiff> {
  return {
    from: d.from && { ...d.from, status: d.from.status as Status },
    to: d.to && { ...d.to, status: d.to.status as Status },
    changes: d.changes.map((c) => ({
      field: toSnake(c.field),
      before: renameKeys(c.before, toSnake),
      after: renameKeys(c.after, toSnake),
      text_diff: c.textDiff,
      note: c.note,
    })),
    unchanged: d.unchanged.map(toSnake),
  };
}
