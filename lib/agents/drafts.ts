// An agent's draft: one Release row per agent with status "draft" (`draftOf` = the agent's id,
// unique), edited in place. A read never writes: until the first write (a PUT, a deploy, a restore,
// an applied optimization) stores it, reading it shows what that write would start from, a copy of
// the deployed release (or empty) with the id, parent and revision it will be stored with. It survives deploys: deploying copies it into a new immutable release and points
// the draft's parent at that release. Every change bumps its `revision`; a PUT names the revision
// it read, so a lost update is a 409. Restore copies a release into the draft. Each change runs in
// one transaction that first locks the agent row, and writes its audit event.
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import {
  changedFields,
  configOf,
  draftConfigOf,
  locIn,
  normalizeConfig,
  type ConfigField,
  type ConfigInput,
  type Style,
} from "./config";
import { sameClients, sealClients } from "./secrets";
import {
  agentIn,
  audit,
  checkCapabilities,
  configData,
  createDraft,
  draftForWrite,
  draftRowOf,
  draftView,
  invalidParent,
  lockAgent,
  readDraft,
  releaseNotFound,
  staleRevision,
  type AgentRow,
  type DraftView,
  type ReleaseRow,
} from "./store";

export interface DraftChange {
  config: Partial<ConfigInput>;
  /** The seed's updateDraft: only the fields `config` names change (else the whole draft is replaced). */
  partial?: boolean;
  /** The seed's release options, recorded in the audit event. */
  options?: Record<string, unknown>;
  /** The description the next deploy gets; omitted: unchanged. */
  description?: string;
  /** Apply only to this revision of the draft (else 409). */
  revision?: number;
  /** Apply only if the draft is drafted from this release (else 409 invalidParent). */
  parentId?: string;
}

/** The agent's draft; one never written is shown as its first write would store it, and not stored. */
export async function getDraft(ctx: WorkspaceCtx, agentId: string): Promise<DraftView> {
  return readDraft(ctx.db, await agentIn(ctx.db, ctx, agentId));
}

/** Checks the guards a change names against the draft as it is now. */
export function checkGuards(
  draft: ReleaseRow,
  guards: { revision?: number; parentId?: string },
): void {
  if (guards.parentId !== undefined && guards.parentId !== draft.parentId)
    throw invalidParent(guards.parentId, draft.parentId);
  if (guards.revision !== undefined && guards.revision !== draft.revision)
    throw staleRevision(guards.revision, draft.revision);
}

/**
 * Writes a configuration to the locked agent's draft: secrets sealed (a redacted one sent back
 * keeps the stored secret), capabilities checked against the catalog. A change that changes
 * nothing writes nothing (no new revision, no audit event).
 */
export async function writeDraft(
  tx: Tx,
  ctx: WorkspaceCtx,
  agent: AgentRow,
  draft: ReleaseRow,
  change: Pick<DraftChange, "config" | "description" | "partial" | "options">,
  style: Style,
): Promise<{ row: ReleaseRow; changed: (ConfigField | "description")[] }> {
  const parent = draft.parentId
    ? await tx.release.findUnique({ where: { id: draft.parentId }, select: { mcpClients: true } })
    : null;
  const current = configOf(draft);
  const sent = change.config.mcpClients;
  const clients =
    sent &&
    sealClients(
      sent,
      [current.mcpClients, (parent?.mcpClients ?? []) as typeof current.mcpClients],
      style,
    );
  const next = normalizeConfig(change.config, clients, current, change.partial);
  await checkCapabilities(ctx, tx, next.capabilities, (i) =>
    locIn(style, ["body", "capabilities", i, "slug"]),
  );
  const description = change.description ?? draft.description;
  const changed: (ConfigField | "description")[] = [
    ...changedFields(current, next, sameClients),
    ...(description !== draft.description ? (["description"] as const) : []),
  ];
  if (!changed.length) return { row: draft, changed };
  const written = await tx.release.updateMany({
    where: { id: draft.id, revision: draft.revision },
    data: {
      ...configData(next),
      description,
      revision: { increment: 1 },
      userId: ctx.actor.userId,
    },
  });
  if (written.count === 0)
    throw new ApiError(
      "conflict",
      "The draft changed while this change was being written; reload it and try again",
    );
  const row = await tx.release.findUniqueOrThrow({ where: { id: draft.id } });
  await audit(tx, ctx, agent.id, "agent.draft.update", {
    draft_id: draft.id,
    revision: row.revision,
    changed,
    ...(change.options ? { options: change.options } : {}),
  });
  return { row, changed };
}

/** Replaces the draft's configuration (PUT); a draft never written is stored first, as a read showed it. */
export async function updateDraft(
  ctx: WorkspaceCtx,
  agentId: string,
  change: DraftChange,
  style: Style,
): Promise<DraftView> {
  const row = await ctx.db.$transaction(async (tx) => {
    const agent = await lockAgent(tx, ctx, agentId);
    const draft = await draftForWrite(tx, ctx, agent);
    checkGuards(draft, change);
    return (await writeDraft(tx, ctx, agent, draft, change, style)).row;
  });
  return draftView(ctx.db, row);
}

/**
 * Overwrites a stored draft with a release's configuration (capabilities at the versions the
 * release resolved them to), that release as its parent, as a new revision. No audit event: the
 * caller's action (restore, rollback) records one.
 */
export async function copyIntoDraft(
  tx: Tx,
  ctx: WorkspaceCtx,
  draft: ReleaseRow,
  release: ReleaseRow,
  description: string,
): Promise<ReleaseRow> {
  const written = await tx.release.updateMany({
    where: { id: draft.id, revision: draft.revision },
    data: {
      ...configData(draftConfigOf(configOf(release), true)),
      parentId: release.id,
      description,
      revision: { increment: 1 },
      userId: ctx.actor.userId,
      optimizationJobId: null,
      optimizationAppliedAt: null,
    },
  });
  if (written.count === 0)
    throw new ApiError("conflict", "The draft changed meanwhile; reload it and try again");
  return tx.release.findUniqueOrThrow({ where: { id: draft.id } });
}

/**
 * Copies a deployed or archived release into its agent's draft (created if missing): the
 * configuration, secrets included (as ciphertext), capabilities at the versions the release
 * resolved them to, with the draft's parent set to that release. `agentId` confines the release to one agent (canonical route); the compat route names only it.
 */
export async function restoreRelease(
  ctx: WorkspaceCtx,
  releaseId: string,
  agentId?: string,
): Promise<DraftView> {
  const row = await ctx.db.$transaction(async (tx) => {
    const release = await tx.release.findFirst({
      where: { id: releaseId, workspaceId: ctx.workspace.id, ...(agentId ? { agentId } : {}) },
    });
    if (!release) throw releaseNotFound(releaseId);
    if (release.status === "draft")
      throw new ApiError(
        "conflict",
        `Release '${releaseId}' is the draft itself: restore a deployed or archived release`,
      );
    const agent = await lockAgent(tx, ctx, release.agentId);
    const description = `Restore ${release.version}`;
    const draft = await draftRowOf(tx, agent.id);
    let restored: ReleaseRow;
    if (!draft) {
      restored = await createDraft(tx, ctx, agent, release, description, true);
    } else {
      restored = await copyIntoDraft(tx, ctx, draft, release, description);
    }
    await audit(tx, ctx, agent.id, "agent.draft.restore", {
      draft_id: restored.id,
      release_id: release.id,
      version: release.version,
      revision: restored.revision,
    });
    return restored;
  });
  return draftView(ctx.db, row);
}

/**
 * Writes an optimization run's winning prompt into the draft as a new revision (never into a
 * deployed release) and links the run from the draft; the next deploy records it in the release.
 * Pass `tx` to make it part of the caller's transaction (e.g. marking the job applied).
 */
export async function applyOptimizationToDraft(
  ctx: WorkspaceCtx,
  agentId: string,
  input: { systemPrompt: string; jobId: string },
  tx?: Tx,
): Promise<ReleaseRow> {
  const run = async (t: Tx) => {
    const agent = await lockAgent(t, ctx, agentId);
    const draft = await draftForWrite(t, ctx, agent);
    const now = new Date();
    await t.release.update({
      where: { id: draft.id },
      data: {
        systemPrompt: input.systemPrompt,
        optimizationJobId: input.jobId,
        optimizationAppliedAt: now,
        revision: { increment: 1 },
        userId: ctx.actor.userId,
      },
    });
    const row = await t.release.findUniqueOrThrow({ where: { id: draft.id } });
    await audit(t, ctx, agent.id, "agent.draft.optimize", {
      draft_id: draft.id,
      job_id: input.jobId,
      revision: row.revision,
      changed: draft.systemPrompt === input.systemPrompt ? [] : ["systemPrompt"],
    });
    return row;
  };
  return tx ? run(tx) : ctx.db.$transaction(run);
}
