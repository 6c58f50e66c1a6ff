// Agents of a workspace: create, list, read, rename, delete. An agent is listed with its deployed
// release (version, when, by whom), its draft's revision and whether the draft differs from the
// deployed release. How drafts and releases move: lib/agents/drafts.ts and deploy.ts.
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import {
  agentIn,
  audit,
  draftChanged,
  withUsers,
  type AgentRow,
  type ReleaseRow,
  type StoredRelease,
} from "./store";

export type AgentView = AgentRow & {
  deployed: StoredRelease | null;
  draft: Pick<ReleaseRow, "id" | "revision"> | null;
  draftChanged: boolean;
  releaseCount: number;
};

async function views(ctx: WorkspaceCtx, agents: AgentRow[]): Promise<AgentView[]> {
  if (!agents.length) return [];
  const ids = agents.map((a) => a.id);
  const deployedIds = agents
    .map((a) => a.deployedReleaseId)
    .filter((id): id is string => id !== null);
  const [rows, counts] = await Promise.all([
    ctx.db.release.findMany({
      where: { OR: [{ id: { in: deployedIds } }, { draftOf: { in: ids } }] },
    }),
    ctx.db.release.groupBy({
      by: ["agentId"],
      where: { agentId: { in: ids }, status: { not: "draft" } },
      _count: { _all: true },
    }),
  ]);
  const withUser = await withUsers(ctx.db, rows);
  const byId = new Map(withUser.map((r) => [r.id, r]));
  const drafts = new Map(withUser.filter((r) => r.draftOf).map((r) => [r.draftOf!, r]));
  const count = new Map(counts.map((c) => [c.agentId, c._count._all]));
  return agents.map((a) => {
    const deployed = (a.deployedReleaseId && byId.get(a.deployedReleaseId)) || null;
    const draft = drafts.get(a.id) ?? null;
    return {
      ...a,
      deployed,
      draft: draft && { id: draft.id, revision: draft.revision },
      draftChanged: draft ? draftChanged(draft, deployed) : false,
      releaseCount: count.get(a.id) ?? 0,
    };
  });
}

export async function listAgents(ctx: WorkspaceCtx): Promise<AgentView[]> {
  return views(
    ctx,
    await ctx.db.agent.findMany({
      where: { workspaceId: ctx.workspace.id },
      orderBy: { name: "asc" },
    }),
  );
}

export async function getAgent(ctx: WorkspaceCtx, agentId: string): Promise<AgentView> {
  const [view] = await views(ctx, [await agentIn(ctx.db, ctx, agentId)]);
  return view!;
}

const duplicateName = (ctx: WorkspaceCtx, name: string) =>
  new ApiError(
    "already_exists",
    `An agent named '${name}' already exists in workspace '${ctx.workspace.slug}'`,
  );

const uniqueName = (ctx: WorkspaceCtx, name: string) => (err: unknown) => {
  if ((err as { code?: string }).code === "P2002") throw duplicateName(ctx, name);
  throw err;
};

/** A new agent: nothing deployed, no draft until it is first opened. */
export async function createAgent(
  ctx: WorkspaceCtx,
  input: { name: string; description: string },
): Promise<AgentView> {
  const id = await ctx.db
    .$transaction(async (tx) => {
      if (
        await tx.agent.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        })
      )
        throw duplicateName(ctx, input.name);
      const agent = await tx.agent.create({
        data: {
          workspaceId: ctx.workspace.id,
          name: input.name,
          description: input.description,
          createdById: ctx.actor.userId,
        },
      });
      await audit(tx, ctx, agent.id, "agent.create", { name: agent.name });
      return agent.id;
    })
    .catch(uniqueName(ctx, input.name));
  return getAgent(ctx, id);
}

export async function updateAgent(
  ctx: WorkspaceCtx,
  agentId: string,
  input: { name?: string; description?: string },
): Promise<AgentView> {
  await ctx.db
    .$transaction(async (tx) => {
      const agent = await agentIn(tx, ctx, agentId);
      if (
        input.name &&
        input.name !== agent.name &&
        (await tx.agent.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        }))
      ) {
        throw duplicateName(ctx, input.name);
      }
      await tx.agent.update({ where: { id: agent.id }, data: input });
      await audit(tx, ctx, agent.id, "agent.update", {
        ...(input.name !== undefined ? { name: input.name, was: agent.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      });
    })
    .catch(uniqueName(ctx, input.name ?? ""));
  return getAgent(ctx, agentId);
}

/** Deletes the agent with its draft and every release. */
export async function deleteAgent(ctx: WorkspaceCtx, agentId: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const agent = await agentIn(tx, ctx, agentId);
    const releases = await tx.release.count({ where: { agentId, status: { not: "draft" } } });
    await tx.agent.delete({ where: { id: agent.id } });
    await audit(tx, ctx, agent.id, "agent.delete", { name: agent.name, releases });
  });
}
