// POST /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases/{release_id}/rollback {draft_revision?, version?, description?}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { rollbackReleaseOp } from "@/lib/agents/operations";
import { rollbackToRelease } from "@/lib/agents/rollback";
import { toRelease } from "@/lib/agents/serializers";

export const POST = route(rollbackReleaseOp, async ({ ctx, params, body }) =>
  toRelease(
    await rollbackToRelease(ctx, params.agent_id, params.release_id, {
      draftRevision: body.draft_revision,
      version: body.version,
      description: body.description,
    }),
  ),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(rollbackReleaseOp);
