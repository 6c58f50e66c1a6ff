// GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases/{release_id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getReleaseOp } from "@/lib/agents/operations";
import { getRelease } from "@/lib/agents/releases";
import { toRelease } from "@/lib/agents/serializers";

export const GET = route(getReleaseOp, async ({ ctx, params }) =>
  toRelease(await getRelease(ctx, params.release_id, params.agent_id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getReleaseOp);
