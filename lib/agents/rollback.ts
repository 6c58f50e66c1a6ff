// Rolling an agent back to one of its earlier releases: a restore and a deploy as one action, in
// one transaction under the agent row lock. The release's configuration (capabilities at the
// versions it resolved them to) is copied into the draft, which is deployed at once as a new
// release (the next patch unless a version is given); one audit event,
// `agent.release.rollback`, records both; a release with the deployed configuration is a 409. The draft's earlier contents are replaced, so a caller
// that shows them may name the revision it showed: a draft changed since is a 409.
import "server-only";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { deployLocked, versionTaken } from "./deploy";
import { checkGuards, copyIntoDraft } from "./drafts";
import { draftForWrite, lockAgent, releaseNotFound, withUsers, type StoredRelease } from "./store";

export interface RollbackInput {
  /** Roll back only if the draft is still at this revision (else 409). */
  draftRevision?: number;
  /** Default: the deployed version's next patch. */
  version?: string;
  /** Default: "Roll back to <version>". */
  description?: string;
}

/** Deploys an earlier release of the agent again, as a new release (see the module comment). */
export async function rollbackToRelease(
  ctx: WorkspaceCtx,
  agentId: string,
  releaseId: string,
  input: RollbackInput,
): Promise<StoredRelease> {
  const release = await ctx.db
    .$transaction(async (tx) => {
      const agent = await lockAgent(tx, ctx, agentId);
      const target = await tx.release.findFirst({ where: { id: releaseId, agentId: agent.id } });
      if (!target || target.status === "draft") throw releaseNotFound(releaseId);
      if (target.id === agent.deployedReleaseId)
        throw new ApiError(
          "conflict",
          `Release ${target.version} is the deployed release already: there is nothing to roll back`,
        );
      const draft = await draftForWrite(tx, ctx, agent);
      checkGuards(draft, { revision: input.draftRevision });
      const description = input.description ?? `Roll back to ${target.version}`;
      const restored = await copyIntoDraft(tx, ctx, draft, target, description);
      return deployLocked(
        tx,
        ctx,
        agent,
        restored,
        { version: input.version, description, where: "draft" },
        "snake",
        {
          action: "agent.release.rollback",
          extra: {
            rolled_back_to: { release_id: target.id, version: target.version },
            replaced_draft_revision: draft.revision,
          },
          nothing: (deployed) =>
            `Nothing to roll back: ${target.version} has the same configuration as the deployed release ${deployed}`,
        },
      );
    })
    .catch(versionTaken);
  const [stored] = await withUsers(ctx.db, [release]);
  return stored!;
}
