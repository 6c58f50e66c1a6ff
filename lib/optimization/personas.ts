// Personas: the simulated users of optimization runs. A workspace starts with a useful set,
// added the first time its personas are used, and editable like any other.
import type { Prisma } from "@/lib/db/types";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";

const DEFAULT_PERSONAS: {
  name: string;
  description: string;
  goals: string[];
  traits: string[];
  difficulty: "easy" | "medium" | "hard";
}[] = [
  {
    name: "Frustrated customer",
    description: "Has hit the same problem twice already and is short on patience.",
    goals: [
      "Get the problem fixed in this conversation",
      "Not have to repeat information already given",
    ],
    traits: ["terse", "escalates quickly", "asks for a human when stuck"],
    difficulty: "hard",
  },
  {
    name: "First-time user",
    description: "New to the product and its vocabulary; unsure what to ask.",
    goals: ["Understand what the product can do for them", "Finish a first task with guidance"],
    traits: ["asks basic questions", "misuses terms", "needs step-by-step answers"],
    difficulty: "easy",
  },
  {
    name: "Power user",
    description: "Knows the product deeply and wants precise, fast answers.",
    goals: ["Get an exact answer or command", "Skip explanations they already know"],
    traits: ["uses jargon", "pushes on edge cases", "notices vague answers"],
    difficulty: "medium",
  },
  {
    name: "Enterprise buyer",
    description: "Evaluates the product for a large organisation.",
    goals: ["Learn about security, compliance and pricing", "Get commitments in writing"],
    traits: [
      "formal",
      "asks about SSO, audit logs and data residency",
      "compares with competitors",
    ],
    difficulty: "medium",
  },
  {
    name: "Non-native speaker",
    description: "Writes in imperfect English and may mix in another language.",
    goals: ["Be understood without rephrasing many times", "Get an answer in simple words"],
    traits: ["short sentences", "spelling mistakes", "literal reading of idioms"],
    difficulty: "medium",
  },
];

/** Adds the default personas to a workspace once (never again, even after they are edited or deleted). */
export async function ensureDefaultPersonas(ctx: WorkspaceCtx): Promise<void> {
  const ws = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.workspace.id },
    select: { personasSeeded: true },
  });
  if (ws.personasSeeded) return;
  await ctx.db.$transaction(async (tx) => {
    // Claimed by an update, so two first requests at once add the set once.
    const claimed = await tx.workspace.updateMany({
      where: { id: ctx.workspace.id, personasSeeded: false },
      data: { personasSeeded: true },
    });
    if (claimed.count === 0) return;
    for (const p of DEFAULT_PERSONAS) {
      const exists = await tx.persona.findUnique({
        where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: p.name } },
        select: { id: true },
      });
      if (!exists) await tx.persona.create({ data: { workspaceId: ctx.workspace.id, ...p } });
    }
  });
}

export async function listPersonas(ctx: WorkspaceCtx) {
  await ensureDefaultPersonas(ctx);
  return ctx.db.persona.findMany({
    where: { workspaceId: ctx.workspace.id },
    orderBy: { name: "asc" },
  });
}

export async function getPersona(ctx: WorkspaceCtx, id: string) {
  const p = await ctx.db.persona.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
  if (!p) throw new ApiError("not_found", `Persona '${id}' not found`);
  return p;
}

const duplicate = (name: string) =>
  new ApiError("already_exists", `A persona named '${name}' already exists in this workspace`);
const mapUnique = (name: string) => (err: unknown) => {
  if ((err as { code?: string }).code === "P2002") throw duplicate(name);
  throw err;
};

type PersonaInput = {
  name: string;
  description: string;
  goals: string[];
  traits: string[];
  difficulty: string;
};

export async function createPersona(ctx: WorkspaceCtx, input: PersonaInput) {
  await ensureDefaultPersonas(ctx);
  return ctx.db
    .$transaction(async (tx) => {
      if (
        await tx.persona.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        })
      )
        throw duplicate(input.name);
      const p = await tx.persona.create({ data: { workspaceId: ctx.workspace.id, ...input } });
      await recordAudit(tx, ctx, {
        orgId: ctx.org.id,
        workspaceId: ctx.workspace.id,
        action: "persona.create",
        targetType: "persona",
        targetId: p.id,
        summary: { name: p.name },
      });
      return p;
    })
    .catch(mapUnique(input.name));
}

export async function updatePersona(ctx: WorkspaceCtx, id: string, input: Partial<PersonaInput>) {
  return ctx.db
    .$transaction(async (tx) => {
      const p = await tx.persona.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
      if (!p) throw new ApiError("not_found", `Persona '${id}' not found`);
      if (
        input.name &&
        input.name !== p.name &&
        (await tx.persona.findUnique({
          where: { workspaceId_name: { workspaceId: ctx.workspace.id, name: input.name } },
          select: { id: true },
        }))
      )
        throw duplicate(input.name);
      const updated = await tx.persona.update({
        where: { id },
        data: input as Prisma.PersonaUpdateInput,
      });
      await recordAudit(tx, ctx, {
        orgId: ctx.org.id,
        workspaceId: ctx.workspace.id,
        action: "persona.update",
        targetType: "persona",
        targetId: id,
        summary: { ...input },
      });
      return updated;
    })
    .catch(mapUnique(input.name ?? ""));
}

export async function deletePersona(ctx: WorkspaceCtx, id: string) {
  await ctx.db.$transaction(async (tx) => {
    const p = await tx.persona.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
    if (!p) throw new ApiError("not_found", `Persona '${id}' not found`);
    await tx.persona.delete({ where: { id } });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      workspaceId: ctx.workspace.id,
      action: "persona.delete",
      targetType: "persona",
      targetId: id,
      summary: { name: p.name },
    });
  });
}
