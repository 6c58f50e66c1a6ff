// Prompts of a workspace and their immutable versions; one version is active.
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";

const promptInclude = {
  versions: { orderBy: { number: "desc" }, take: 1 },
  _count: { select: { versions: true } },
} as const;
export type StoredPrompt = Prisma.PromptGetPayload<{ include: typeof promptInclude }> & {
  active: Prisma.PromptVersionGetPayload<object> | null;
};

const promptNotFound = (id: string) => new ApiError("not_found", `Prompt '${id}' not found`);

async function withActive(
  db: Tx | WorkspaceCtx["db"],
  p: Prisma.PromptGetPayload<{ include: typeof promptInclude }>,
): Promise<StoredPrompt> {
  const active = p.activeVersionId
    ? await db.promptVersion.findUnique({ where: { id: p.activeVersionId } })
    : null;
  return { ...p, active };
}

export async function getPrompt(
  ctx: WorkspaceCtx,
  id: string,
  db: Tx | WorkspaceCtx["db"] = ctx.db,
): Promise<StoredPrompt> {
  const p = await db.prompt.findFirst({
    where: { id, workspaceId: ctx.workspace.id },
    include: promptInclude,
  });
  if (!p) throw promptNotFound(id);
  return withActive(db, p);
}

export async function listPrompts(
  ctx: WorkspaceCtx,
  q: { status?: string; tag?: string; search?: string; page: number; limit: number },
) {
  const where: Prisma.PromptWhereInput = {
    workspaceId: ctx.workspace.id,
    ...(q.status ? { status: q.status } : {}),
    ...(q.search
      ? { OR: [{ name: { contains: q.search } }, { description: { contains: q.search } }] }
      : {}),
  };
  const rows = await ctx.db.prompt.findMany({
    where,
    include: promptInclude,
    orderBy: { updatedAt: "desc" },
  });
  // Tags are a JSON list: filtered here (a workspace has hundreds of prompts, not millions).
  const filtered = q.tag ? rows.filter((r) => (r.tags as string[]).includes(q.tag!)) : rows;
  const page = filtered.slice((q.page - 1) * q.limit, q.page * q.limit);
  return {
    total: filtered.length,
    prompts: await Promise.all(page.map((p) => withActive(ctx.db, p))),
  };
}

const duplicate = (name: string) =>
  new ApiError("already_exists", `A prompt named '${name}' already exists in this workspace`);

export async function createPrompt(
  ctx: WorkspaceCtx,
  input: { name: string; description: string; tags: string[]; status: string; content: string },
): Promise<StoredPrompt> {
  const id = await ctx.db
    .$transaction(async (tx) => {
      if (
        await tx.prompt.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        })
      )
        throw duplicate(input.name);
      const p = await tx.prompt.create({
        data: {
          workspaceId: ctx.workspace.id,
          name: input.name,
          description: input.description,
          tags: [...new Set(input.tags)],
          status: input.status,
          createdById: ctx.actor.userId,
        },
      });
      const v = await tx.promptVersion.create({
        data: {
          promptId: p.id,
          number: 1,
          content: input.content,
          source: { type: "manual" },
          createdById: ctx.actor.userId,
        },
      });
      await tx.prompt.update({ where: { id: p.id }, data: { activeVersionId: v.id } });
      await recordAudit(tx, ctx, {
        orgId: ctx.org.id,
        workspaceId: ctx.workspace.id,
        action: "prompt.create",
        targetType: "prompt",
        targetId: p.id,
        summary: { name: p.name },
      });
      return p.id;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002") throw duplicate(input.name);
      throw err;
    });
  return getPrompt(ctx, id);
}

export async function updatePrompt(
  ctx: WorkspaceCtx,
  id: string,
  input: {
    name?: string;
    description?: string;
    tags?: string[];
    status?: string;
    active_version_id?: string;
  },
): Promise<StoredPrompt> {
  await ctx.db
    .$transaction(async (tx) => {
      const p = await getPrompt(ctx, id, tx);
      if (
        input.name &&
        input.name !== p.name &&
        (await tx.prompt.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        }))
      )
        throw duplicate(input.name);
      if (
        input.active_version_id &&
        !(await tx.promptVersion.findFirst({
          where: { id: input.active_version_id, promptId: p.id },
          select: { id: true },
        }))
      ) {
        throw new ApiError(
          "validation",
          `Version '${input.active_version_id}' is not a version of this prompt`,
          {
            errors: [
              {
                loc: ["body", "active_version_id"],
                msg: "not a version of this prompt",
                type: "value_error",
              },
            ],
          },
        );
      }
      const { active_version_id, tags, ...rest } = input;
      await tx.prompt.update({
        where: { id: p.id },
        data: {
          ...rest,
          ...(tags ? { tags: [...new Set(tags)] } : {}),
          ...(active_version_id ? { activeVersionId: active_version_id } : {}),
        },
      });
      await recordAudit(tx, ctx, {
        orgId: ctx.org.id,
        workspaceId: ctx.workspace.id,
        action: "prompt.update",
        targetType: "prompt",
        targetId: p.id,
        summary: { ...input },
      });
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002") throw duplicate(input.name ?? "");
      throw err;
    });
  return getPrompt(ctx, id);
}

export async function listPromptVersions(ctx: WorkspaceCtx, id: string) {
  const p = await getPrompt(ctx, id);
  return ctx.db.promptVersion.findMany({ where: { promptId: p.id }, orderBy: { number: "desc" } });
}

/** A new version (the next number), made active unless told otherwise. Runs inside `tx` when given. */
export async function addPromptVersion(
  ctx: WorkspaceCtx,
  id: string,
  input: {
    content: string;
    note?: string | null;
    activate: boolean;
    source?: Record<string, unknown>;
  },
  tx?: Tx,
) {
  const run = async (t: Tx) => {
    const p = await getPrompt(ctx, id, t);
    const last = await t.promptVersion.findFirst({
      where: { promptId: p.id },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const v = await t.promptVersion.create({
      data: {
        promptId: p.id,
        number: (last?.number ?? 0) + 1,
        content: input.content,
        note: input.note ?? null,
        source: (input.source ?? { type: "manual" }) as Prisma.InputJsonValue,
        createdById: ctx.actor.userId,
      },
    });
    await t.prompt.update({
      where: { id: p.id },
      data: input.activate ? { activeVersionId: v.id } : { updatedAt: new Date() },
    });
    await recordAudit(t, ctx, {
      orgId: ctx.org.id,
      workspaceId: ctx.workspace.id,
      action: "prompt.version.create",
      targetType: "prompt",
      targetId: p.id,
      summary: {
        number: v.number,
        activated: input.activate,
        source: input.source ?? { type: "manual" },
      },
    });
    return v;
  };
  return tx
    ? run(tx)
    : ctx.db.$transaction(run).catch((err: unknown) => {
        if ((err as { code?: string }).code === "P2002")
          throw new ApiError(
            "conflict",
            "Another version of this prompt was added a moment ago; reload and try again",
          );
        throw err;
      });
}
