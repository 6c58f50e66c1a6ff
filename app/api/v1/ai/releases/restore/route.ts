// POST /api/v1/ai/releases/restore {uuid} (ours, in the seeds/003 shape): a release copied into its agent's draft.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { restoreRelease } from "@/lib/agents/drafts";
import { compatRestoreOp } from "@/lib/agents/operations";
import { toCompatRelease } from "@/lib/agents/serializers";

export const POST = route(compatRestoreOp, async ({ ctx, body }) => ({
  release: toCompatRelease(await restoreRelease(ctx, body.uuid)),
}));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatRestoreOp);
