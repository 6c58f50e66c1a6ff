// Deploying an agent's draft: one transaction that locks the agent row, (compat: writes the
// request's configuration to the draft first), checks the guards, the version and the catalog,
// copies the draft into a new immutable release (status "deployed", parent: the release the draft
// was drafted from, the optimization run linked from the draft, each capability with the catalog
// version it resolves to now, so that the release never floats to a version pushed later), archives the previously deployed
// release, points the agent and the draft's parent at the new one, and writes the audit event.
//
// A draft that does not differ from the deployed release has nothing to deploy: 409. That is also
// what the second of two concurrent deploys of one draft meets once the first has committed
// (the lock makes it read the first one's result), so exactly one of them wins. `deployLocked` is
// the deploy inside a caller's transaction: a rollback (rollback.ts) restores, then deploys with it.
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { compareVersions, versionKey } from "@/lib/versions";
import {
  changedFields,
  configOf,
  locIn,
  nextVersion,
  SMALL_SEMVER,
  type ConfigInput,
  type Style,
} from "./config";
import { checkGuards, writeDraft } from "./drafts";
import { sameClients } from "./secrets";
import {
  audit,
  configData,
  deployedRowOf,
  draftForWrite,
  lockAgent,
  pinCapabilities,
  withUsers,
  type AgentRow,
  type ReleaseRow,
  type StoredRelease,
} from "./store";

export interface DeployInput {
  /** The seed's deployDraft carries the whole configuration: written to the draft, then deployed. */
  config?: ConfigInput;
  /** Default: the deployed version's next patch (1.0.0 at first). */
  version?: string;
  /** Default: the draft's. */
  description?: string;
  revision?: number;
  parentId?: string;
  /** The seed's release options (connector and model ids by integration slug), recorded with the deploy. */
  options?: Record<string, unknown>;
}

function invalidVersion(style: Style, msg: string): ApiError {
  return new ApiError("validation", `invalidReleaseVersion: ${msg}`, {
    errors: [{ loc: locIn(style, ["body", "version"]), msg, type: "invalidReleaseVersion" }],
    reason: "invalidReleaseVersion",
  });
}

async function chooseVersion(
  tx: Tx,
  agentId: string,
  deployed: ReleaseRow | null,
  given: string | undefined,
  style: Style,
): Promise<string> {
  if (given === undefined) {
    const next = nextVersion(deployed?.version);
    if (!next)
      throw invalidVersion(
        style,
        `the patch number after ${deployed!.version} is out of range: give a version`,
      );
    return next;
  }
  if (!SMALL_SEMVER.test(given))
    throw invalidVersion(
      style,
      `'${given}' is not a release version: major.minor.patch without leading zeros, at most 4, 4 and 5 digits (e.g. 1.2.3)`,
    );
  if (deployed?.version && compareVersions(given, deployed.version) <= 0)
    throw invalidVersion(
      style,
      `${given} is not greater than the deployed version ${deployed.version}`,
    );
  if (await tx.release.findFirst({ where: { agentId, version: given }, select: { id: true } }))
    throw invalidVersion(style, `version ${given} already exists for this agent`);
  return given;
}

/** What a deploy writes besides the release: its audit event (a rollback records its own). */
interface DeployAudit {
  action: string;
  extra?: Record<string, unknown>;
  /** The 409's words when the draft is the same as the deployed release. */
  nothing?: (deployedVersion: string | null) => string;
}

/**
 * The deploy proper, inside the caller's transaction with the agent row locked and the draft
 * (written if the caller changes it) in hand: catalog, version, the new release, the previous
 * one archived, the draft moved onto the new one, the audit event.
 */
export async function deployLocked(
  tx: Tx,
  ctx: WorkspaceCtx,
  agent: AgentRow,
  draft: ReleaseRow,
  input: Pick<DeployInput, "version" | "description" | "options"> & { where: "body" | "draft" },
  style: Style,
  auditAs: DeployAudit = { action: "agent.release.deploy" },
): Promise<ReleaseRow> {
  const deployed = await deployedRowOf(tx, agent);
  const where = input.where;
  // The catalog may have changed since the draft was saved: resolved now, and kept.
  const asked = configOf(draft);
  const config = {
    ...asked,
    capabilities: await pinCapabilities(ctx, tx, asked.capabilities, (i) =>
      locIn(style, [where, "capabilities", i, "slug"]),
    ),
  };
  if (deployed && changedFields(config, configOf(deployed), sameClients).length === 0) {
    throw new ApiError(
      "conflict",
      auditAs.nothing?.(deployed.version) ??
        `Nothing to deploy: the draft is the same as the deployed release ${deployed.version}${where === "body" ? "" : " (it may have just been deployed)"}`,
    );
  }
  const version = await chooseVersion(tx, agent.id, deployed, input.version, style);
  requireRunnable(config, where, style);
  const created = await createRelease(tx, ctx, agent, draft, deployed, {
    config,
    version,
    description: input.description ?? draft.description,
  });
  await audit(tx, ctx, agent.id, auditAs.action, {
    release_id: created.id,
    version,
    parent_id: created.parentId,
    previous: deployed ? { release_id: deployed.id, version: deployed.version } : null,
    draft_revision: draft.revision,
    capabilities: config.capabilities.map((c) => ({
      slug: c.slug,
      resolved_version: c.resolvedVersion ?? null,
    })),
    optimization_job_id: draft.optimizationJobId,
    ...(input.options ? { options: input.options } : {}),
    ...auditAs.extra,
  });
  return created;
}

function requireRunnable(
  config: ReturnType<typeof configOf>,
  where: "body" | "draft",
  style: Style,
): void {
  const missing = (["integrationSlug", "languageModelSlug"] as const).filter(
    (f) => !config[f].trim(),
  );
  if (!missing.length) return;
  throw new ApiError(
    "validation",
    `The draft cannot be deployed without ${missing.map((f) => locIn(style, [f])[0]).join(" and ")}`,
    {
      errors: missing.map((f) => ({
        loc: locIn(style, [where, f]),
        msg: "required to deploy",
        type: "missing",
      })),
    },
  );
}

/** Copies the draft into a new deployed release, archives the previous one, moves the draft on. */
async function createRelease(
  tx: Tx,
  ctx: WorkspaceCtx,
  agent: { id: string; workspaceId: string },
  draft: ReleaseRow,
  deployed: ReleaseRow | null,
  made: { config: ReturnType<typeof configOf>; version: string; description: string },
): Promise<ReleaseRow> {
  // Later than the release it replaces, even within one millisecond: the history is ordered by it.
  const now = new Date(Math.max(Date.now(), (deployed?.createdAt.getTime() ?? 0) + 1));
  const created = await tx.release.create({
    data: {
      agentId: agent.id,
      workspaceId: agent.workspaceId,
      parentId: draft.parentId,
      userId: ctx.actor.userId,
      status: "deployed",
      version: made.version,
      versionKey: versionKey(made.version),
      description: made.description,
      ...configData(made.config),
      revision: draft.revision,
      optimizationJobId: draft.optimizationJobId,
      optimizationAppliedAt: draft.optimizationAppliedAt,
      deployedAt: now,
      createdAt: now,
    },
  });
  if (deployed)
    await tx.release.update({ where: { id: deployed.id }, data: { status: "archived" } });
  await tx.agent.update({ where: { id: agent.id }, data: { deployedReleaseId: created.id } });
  // The draft now starts from the new release: a new revision, so that edits based on the
  // deployed one's draft are refused (409) instead of silently overwriting.
  const moved = await tx.release.updateMany({
    where: { id: draft.id, revision: draft.revision },
    data: {
      parentId: created.id,
      description: "",
      revision: { increment: 1 },
      optimizationJobId: null,
      optimizationAppliedAt: null,
    },
  });
  if (moved.count === 0)
    throw new ApiError(
      "conflict",
      "The draft changed while it was being deployed; reload it and try again",
    );
  return created;
}

/** Two deploys that chose the same version: the second one's unique violation, in words. */
export function versionTaken(err: unknown): never {
  if ((err as { code?: string }).code === "P2002")
    throw new ApiError(
      "conflict",
      "Another deploy of this agent took this version a moment ago; reload the draft and try again",
    );
  throw err;
}

/** Deploys the agent's draft as a new release (see the module comment). */
export async function deployDraft(
  ctx: WorkspaceCtx,
  agentId: string,
  input: DeployInput,
  style: Style,
): Promise<StoredRelease> {
  const release = await ctx.db
    .$transaction(async (tx) => {
      const agent = await lockAgent(tx, ctx, agentId);
      // A draft never written is stored first, as a read showed it (this transaction undoes that if the deploy is refused).
      let draft = await draftForWrite(tx, ctx, agent);
      checkGuards(draft, input);
      if (input.config)
        draft = (await writeDraft(tx, ctx, agent, draft, { config: input.config }, style)).row;
      // The canonical deploy sends no configuration: what is incomplete is the draft's.
      return deployLocked(
        tx,
        ctx,
        agent,
        draft,
        { ...input, where: input.config ? "body" : "draft" },
        style,
      );
    })
    .catch(versionTaken);
  const [stored] = await withUsers(ctx.db, [release]);
  return stored!;
}
