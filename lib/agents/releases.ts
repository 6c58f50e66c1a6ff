// Reading an agent's releases: the history (deployed and archived releases, newest first: the
// index on (agentId, createdAt) serves it), one release by id (the draft too), and the diff of two.
import "server-only";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { unifiedDiff } from "@/lib/catalog/render/unified-diff";
import {
  CONFIG_FIELDS,
  changedFields,
  configOf,
  emptyConfig,
  stableJson,
  type ConfigField,
  type StoredConfig,
} from "./config";
import { publicClients, sameClients } from "./secrets";
import {
  agentIn,
  deployedRowOf,
  draftIdOf,
  draftRowOf,
  draftView,
  readDraft,
  releaseNotFound,
  unstoredDraft,
  withUsers,
  type AgentRow,
  type DraftView,
  type ReleaseRow,
  type StoredRelease,
} from "./store";

export interface ReleaseFilter {
  limit: number;
  offset: number;
  /** Who deployed it (a draft: who changed it last). */
  userId?: string;
  /** Default: deployed and archived. A draft is listed only once stored. */
  statuses?: ("draft" | "deployed" | "archived")[];
}

/** The releases of one agent, or (no `agentId`: the seed's list) of every agent of the workspace; newest first. */
export async function listReleases(
  ctx: WorkspaceCtx,
  agentId: string | undefined,
  q: ReleaseFilter,
): Promise<{ releases: StoredRelease[]; total: number }> {
  const agent = agentId === undefined ? null : await agentIn(ctx.db, ctx, agentId);
  // By status, not `draftOf: null`: a planner may read that from the draftOf index, across every agent.
  // createdAt alone orders them (deploy keeps it increasing per agent), so the index serves the order.
  const where = {
    ...(agent ? { agentId: agent.id } : { workspaceId: ctx.workspace.id }),
    status: q.statuses?.length ? { in: [...new Set(q.statuses)] } : { not: "draft" },
    ...(q.userId !== undefined ? { userId: q.userId } : {}),
  };
  const [total, rows] = await Promise.all([
    ctx.db.release.count({ where }),
    ctx.db.release.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: q.offset,
      take: q.limit,
    }),
  ]);
  return { releases: await withUsers(ctx.db, rows), total };
}

/** The agent's deployed release; none yet: 404 `releaseNotFound`. */
export async function getDeployedRelease(
  ctx: WorkspaceCtx,
  agentId: string,
): Promise<StoredRelease> {
  const row = await deployedRowOf(ctx.db, await agentIn(ctx.db, ctx, agentId));
  if (!row)
    throw new ApiError(
      "not_found",
      `Agent '${agentId}' has no deployed release yet: deploy its draft first`,
      { reason: "releaseNotFound" },
    );
  const [stored] = await withUsers(ctx.db, [row]);
  return stored!;
}

/** A release of the workspace (of one agent, when `agentId` is given); the draft comes as a DraftView. */
export async function getRelease(
  ctx: WorkspaceCtx,
  releaseId: string,
  agentId?: string,
): Promise<StoredRelease | DraftView> {
  const row = await ctx.db.release.findFirst({
    where: { id: releaseId, workspaceId: ctx.workspace.id, ...(agentId ? { agentId } : {}) },
  });
  // A draft never written, by the id a read of it showed (the agent's route names the agent).
  if (!row && agentId && releaseId === draftIdOf(agentId))
    return readDraft(ctx.db, await agentIn(ctx.db, ctx, agentId));
  if (!row) throw releaseNotFound(releaseId);
  if (row.status === "draft") return draftView(ctx.db, row);
  const [stored] = await withUsers(ctx.db, [row]);
  return stored!;
}

interface FieldChange {
  field: ConfigField;
  before: unknown;
  after: unknown;
  /** systemPrompt: a unified diff, or null text when the texts are too different to diff cheaply. */
  textDiff: {
    diff: string | null;
    additions: number | null;
    deletions: number | null;
    omitted: "too_different" | null;
  } | null;
  note: string | null;
}

export interface ReleaseDiff {
  from: Pick<ReleaseRow, "id" | "version" | "status"> | null;
  to: Pick<ReleaseRow, "id" | "version" | "status"> | null;
  changes: FieldChange[];
  unchanged: ConfigField[];
}

/** "draft", "deployed" (null when nothing is deployed) or a release id of the agent. */
async function sideOf(
  ctx: WorkspaceCtx,
  agent: AgentRow,
  which: string,
): Promise<ReleaseRow | null> {
  if (which === "draft")
    return (
      (await draftRowOf(ctx.db, agent.id)) ??
      unstoredDraft(agent, await deployedRowOf(ctx.db, agent))
    );
  if (which === "deployed") return deployedRowOf(ctx.db, agent);
  const row = await ctx.db.release.findFirst({ where: { id: which, agentId: agent.id } });
  if (!row) throw releaseNotFound(which);
  return row;
}

function change(field: ConfigField, a: StoredConfig, b: StoredConfig): FieldChange {
  if (field === "mcpClients") {
    const before = publicClients(a.mcpClients);
    const after = publicClients(b.mcpClients);
    // Secrets are compared in plain; their redactions may well be equal.
    return {
      field,
      before,
      after,
      textDiff: null,
      note: stableJson(before) === stableJson(after) ? "authentication secrets changed" : null,
    };
  }
  if (field === "systemPrompt") {
    const d = unifiedDiff("system_prompt", a.systemPrompt, b.systemPrompt);
    return {
      field,
      before: a.systemPrompt,
      after: b.systemPrompt,
      textDiff: d
        ? { ...d, omitted: null }
        : { diff: null, additions: null, deletions: null, omitted: "too_different" },
      note: null,
    };
  }
  return { field, before: a[field], after: b[field], textDiff: null, note: null };
}

/** Field by field, what differs from `from` to `to` (defaults: the deployed release to the draft). */
export async function diffReleases(
  ctx: WorkspaceCtx,
  agentId: string,
  from: string,
  to: string,
): Promise<ReleaseDiff> {
  const agent = await agentIn(ctx.db, ctx, agentId);
  const [a, b] = await Promise.all([sideOf(ctx, agent, from), sideOf(ctx, agent, to)]);
  const before = a ? configOf(a) : emptyConfig();
  const after = b ? configOf(b) : emptyConfig();
  const changed = changedFields(before, after, sameClients);
  const side = (r: ReleaseRow | null) => r && { id: r.id, version: r.version, status: r.status };
  return {
    from: side(a),
    to: side(b),
    changes: changed.map((f) => change(f, before, after)),
    unchanged: CONFIG_FIELDS.filter((f) => !changed.includes(f)),
  };
}
