// POST /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases/{release_id}/restore
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { restoreRelease } from "@/lib/agents/drafts";
import { restoreReleaseOp } from "@/lib/agents/operations";
import { toDraft } from "@/lib/agents/serializers";

export const POST = route(restoreReleaseOp, async ({ ctx, params }) =>
  toDraft(await restoreRelease(ctx, params.release_id, params.agent_id)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(restoreReleaseOp);
