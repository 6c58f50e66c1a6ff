// What the agent services share: the rows, the errors with the seed's names, the agent row lock,
// the draft lookup and creation, writing a configuration to a release row, the catalog check of
// capability references, and the audit event (every change targets the agent).
import { createHash } from "node:crypto";
import { v4 as uuidFromBytes } from "uuid";
import { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError, type ValidationErrorItem } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { resolveCapability } from "@/lib/catalog/service";
import {
  changedFields,
  configOf,
  draftConfigOf,
  emptyConfig,
  nextVersion,
  type CapabilityRef,
  type StoredConfig,
} from "./config";
import { sameClients } from "./secrets";
import { CAPABILITY_REF } from "./patterns";
import { BUILTIN_CAPABILITIES } from "./shapes";

export type AgentRow = Prisma.AgentGetPayload<object>;
export type ReleaseRow = Prisma.ReleaseGetPayload<object>;
export interface UserRef {
  id: string;
  email: string;
  name: string;
}
export type StoredRelease = ReleaseRow & { user: UserRef | null };
/** The draft with what its page needs: the version a deploy would get, and whether it differs from the deployed release. */
export type DraftView = StoredRelease & { nextVersion: string | null; changed: boolean };
export type DbOrTx = Db | Tx;

// ---- errors (the seed's names: in `reason` on the seeds/003 surface, and leading some details) --

const agentNotFound = (ctx: WorkspaceCtx, id: string) =>
  new ApiError("not_found", `Agent '${id}' not found in workspace '${ctx.workspace.slug}'`, {
    reason: "agentNotFound",
  });
export const releaseNotFound = (id: string) =>
  new ApiError("not_found", `Release '${id}' not found`, { reason: "releaseNotFound" });
export const invalidParent = (sent: string, actual: string | null) =>
  new ApiError(
    "conflict",
    `invalidParent: the draft is drafted from ${actual ? `release '${actual}'` : "no release"}, not '${sent}'; it changed since you read it: reload it`,
    { reason: "invalidParent" },
  );
export const staleRevision = (sent: number, actual: number) =>
  new ApiError(
    "conflict",
    `The draft is at revision ${actual}, not ${sent}: someone changed or deployed it since you read it; reload it and reapply your change`,
  );

// ---- rows -------------------------------------------------------------------------------------

export async function agentIn(db: DbOrTx, ctx: WorkspaceCtx, agentId: string): Promise<AgentRow> {
  const agent = await db.agent.findFirst({ where: { id: agentId, workspaceId: ctx.workspace.id } });
  if (!agent) throw agentNotFound(ctx, agentId);
  return agent;
}

/**
 * Takes the agent's row lock for the rest of the transaction (PostgreSQL: an UPDATE holds it to
 * the commit; SQLite serializes writers anyway), so that changes to one agent's draft and
 * releases run one after the other and each reads what the previous one wrote.
 */
export async function lockAgent(tx: Tx, ctx: WorkspaceCtx, agentId: string): Promise<AgentRow> {
  const locked = await tx.agent.updateMany({
    where: { id: agentId, workspaceId: ctx.workspace.id },
    data: { updatedAt: new Date() },
  });
  if (locked.count === 0) throw agentNotFound(ctx, agentId);
  return tx.agent.findUniqueOrThrow({ where: { id: agentId } });
}

export const draftRowOf = (db: DbOrTx, agentId: string) =>
  db.release.findUnique({ where: { draftOf: agentId } });

/**
 * The id of an agent's draft, derived from the agent's (a UUID v4 whose bytes are a hash of it):
 * a draft that was read but never written shows the id its first write stores it under.
 */
export const draftIdOf = (agentId: string) =>
  uuidFromBytes({
    random: createHash("sha256")
      .update(`quiver draft of agent ${agentId}`)
      .digest()
      .subarray(0, 16),
  });

/** A new draft's revision. */
const FIRST_REVISION = 1;
export const deployedRowOf = (db: DbOrTx, agent: Pick<AgentRow, "deployedReleaseId">) =>
  agent.deployedReleaseId
    ? db.release.findUnique({ where: { id: agent.deployedReleaseId } })
    : Promise.resolve(null);

/** The columns of a configuration, for create and update. */
export function configData(c: StoredConfig) {
  const json = (v: unknown) => v as Prisma.InputJsonValue;
  const nullable = (v: unknown) => (v === null ? Prisma.DbNull : json(v));
  return {
    templateSlug: c.templateSlug,
    actions: json(c.actions),
    resources: json(c.resources),
    capabilities: json(c.capabilities),
    suggestedActions: json(c.suggestedActions),
    systemPrompt: c.systemPrompt,
    withReasoning: c.withReasoning,
    temperature: c.temperature,
    maxSteps: c.maxSteps,
    integrationSlug: c.integrationSlug,
    connectorUuid: c.connectorUuid,
    languageModelSlug: c.languageModelSlug,
    mcpClients: json(c.mcpClients),
    output: nullable(c.output),
    heartbeat: nullable(c.heartbeat),
    evaluator: nullable(c.evaluator),
  };
}

export const audit = (
  tx: Tx,
  ctx: WorkspaceCtx,
  agentId: string,
  action: string,
  summary: Record<string, unknown>,
) =>
  recordAudit(tx, ctx, {
    orgId: ctx.org.id,
    workspaceId: ctx.workspace.id,
    action,
    targetType: "agent",
    targetId: agentId,
    summary,
  });

/** The agent's draft, copied from `from` (its deployed release, or a restored one) or empty. */
export async function createDraft(
  tx: Tx,
  ctx: WorkspaceCtx,
  agent: AgentRow,
  from: ReleaseRow | null,
  description = "",
  pin = false,
): Promise<ReleaseRow> {
  const row = await tx.release.create({
    data: {
      id: draftIdOf(agent.id),
      agentId: agent.id,
      workspaceId: agent.workspaceId,
      parentId: from?.id ?? null,
      userId: ctx.actor.userId,
      status: "draft",
      draftOf: agent.id,
      description,
      ...configData(from ? draftConfigOf(configOf(from), pin) : emptyConfig()),
      revision: FIRST_REVISION,
    },
  });
  await audit(tx, ctx, agent.id, "agent.draft.create", {
    draft_id: row.id,
    from_release_id: from?.id ?? null,
    from_version: from?.version ?? null,
  });
  return row;
}

/** Whether the draft differs from the deployed release; with nothing deployed, any draft is a change. */
export function draftChanged(draft: ReleaseRow, deployed: ReleaseRow | null): boolean {
  return !deployed || changedFields(configOf(draft), configOf(deployed), sameClients).length > 0;
}

export async function withUsers<T extends ReleaseRow>(
  db: DbOrTx,
  rows: T[],
): Promise<(T & { user: UserRef | null })[]> {
  const ids = [...new Set(rows.map((r) => r.userId).filter((id): id is string => id !== null))];
  const users = ids.length
    ? await db.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, email: true, name: true },
      })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({ ...r, user: (r.userId && byId.get(r.userId)) || null }));
}

export async function draftView(db: DbOrTx, draft: ReleaseRow): Promise<DraftView> {
  const agent = await db.agent.findUniqueOrThrow({
    where: { id: draft.agentId },
    select: { deployedReleaseId: true },
  });
  const deployed = await deployedRowOf(db, agent);
  const [withUser] = await withUsers(db, [draft]);
  return {
    ...withUser!,
    nextVersion: nextVersion(deployed?.version),
    changed: draftChanged(draft, deployed),
  };
}

/**
 * The draft an agent that has none would get on its first write (createDraft): a copy of `from`
 * (its deployed release) or empty, with the same id, parent and revision; not stored. Its user and
 * times are those of what it copies: the release's deployer, or the agent's creator.
 */
export function unstoredDraft(agent: AgentRow, from: ReleaseRow | null): ReleaseRow {
  const config = from ? draftConfigOf(configOf(from)) : emptyConfig();
  const at = from?.createdAt ?? agent.createdAt;
  return {
    id: draftIdOf(agent.id),
    agentId: agent.id,
    workspaceId: agent.workspaceId,
    parentId: from?.id ?? null,
    userId: from ? from.userId : agent.createdById,
    status: "draft",
    draftOf: agent.id,
    version: null,
    versionKey: null,
    description: "",
    ...config,
    actions: config.actions as Prisma.JsonArray,
    resources: config.resources as Prisma.JsonArray,
    capabilities: config.capabilities as unknown as Prisma.JsonArray,
    suggestedActions: config.suggestedActions as Prisma.JsonArray,
    mcpClients: config.mcpClients as unknown as Prisma.JsonArray,
    output: config.output as Prisma.JsonObject | null,
    heartbeat: config.heartbeat as Prisma.JsonObject | null,
    evaluator: config.evaluator as Prisma.JsonObject | null,
    revision: FIRST_REVISION,
    optimizationJobId: null,
    optimizationAppliedAt: null,
    deployedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** The agent's draft as a read shows it: the stored one, or the one its first write would store. A read never writes. */
export async function readDraft(db: DbOrTx, agent: AgentRow): Promise<DraftView> {
  const stored = await draftRowOf(db, agent.id);
  if (stored) return draftView(db, stored);
  const deployed = await deployedRowOf(db, agent);
  const [draft] = await withUsers(db, [unstoredDraft(agent, deployed)]);
  return {
    ...draft!,
    nextVersion: nextVersion(deployed?.version),
    changed: draftChanged(draft!, deployed),
  };
}

/** The locked agent's draft, stored now from its deployed release (or empty) if it has none: what every write to a draft starts from. */
export async function draftForWrite(
  tx: Tx,
  ctx: WorkspaceCtx,
  agent: AgentRow,
): Promise<ReleaseRow> {
  return (
    (await draftRowOf(tx, agent.id)) ?? createDraft(tx, ctx, agent, await deployedRowOf(tx, agent))
  );
}

// ---- catalog references -----------------------------------------------------------------------

/**
 * Every `capabilities[].slug` names a capability the org can read (its own, or another org's
 * public one as owner/name), and its version when it gives one, or else is one of Cargo's
 * built-in slugs; else 422 naming each unknown one. Answers the version each resolves to: the
 * one it names, else the latest the org may read (null for a built-in).
 */
export async function checkCapabilities(
  ctx: WorkspaceCtx,
  db: DbOrTx,
  capabilities: { slug: string }[],
  loc: (i: number) => (string | number)[],
): Promise<(string | null)[]> {
  // resolveCapability reads through ctx.db; inside a transaction that must be the transaction.
  const readCtx = { ...ctx, db: db as Db };
  const errors: ValidationErrorItem[] = [];
  const resolved: (string | null)[] = [];
  for (const [i, c] of capabilities.entries()) {
    const m = CAPABILITY_REF.exec(c.slug);
    const name = m?.[1] ? `${m[1]}/${m[2]}` : (m?.[2] ?? c.slug);
    const version = m?.[3];
    const cap = m
      ? await resolveCapability(readCtx, name).catch((err: unknown) => {
          if (err instanceof ApiError && err.kind === "not_found") return null;
          throw err;
        })
      : null;
    resolved.push(null);
    if (!cap) {
      if ((BUILTIN_CAPABILITIES as readonly string[]).includes(c.slug)) continue;
      errors.push({
        loc: loc(i),
        msg: `no capability '${name}' in the catalog (your org's, or another org's public one as owner/name)`,
        type: "unknown_capability",
      });
      continue;
    }
    const found = await db.capabilityVersion.findFirst({
      where: {
        capabilityId: cap.id,
        ...(cap.scope === "all" ? {} : { id: { in: cap.scope } }),
        ...(version ? { version } : {}),
      },
      orderBy: { versionKey: "desc" },
      select: { version: true },
    });
    if (!found)
      errors.push({
        loc: loc(i),
        msg: version
          ? `capability '${name}' has no version ${version}`
          : `capability '${name}' has no version you may use`,
        type: "unknown_capability_version",
      });
    else resolved[i] = found.version;
  }
  if (errors.length) {
    throw new ApiError(
      "validation",
      `Unknown capabilit${errors.length > 1 ? "ies" : "y"}: ${errors.map((e) => `'${capabilities[e.loc[e.loc.length - 2] as number]!.slug}'`).join(", ")}`,
      { errors },
    );
  }
  return resolved;
}

/** The capabilities as a deploy records them: each with the version it resolves to now (immutable from then on). */
export async function pinCapabilities(
  ctx: WorkspaceCtx,
  db: DbOrTx,
  capabilities: CapabilityRef[],
  loc: (i: number) => (string | number)[],
): Promise<CapabilityRef[]> {
  const versions = await checkCapabilities(ctx, db, capabilities, loc);
  return capabilities.map(({ resolvedVersion: _r, ...c }, i) => ({
    ...c,
    resolvedVersion: versions[i] ?? null,
  }));
}
