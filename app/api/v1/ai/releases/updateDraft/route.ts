// PUT /api/v1/ai/releases/updateDraft (seeds/003)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { updateDraft } from "@/lib/agents/drafts";
import { compatUpdateDraftOp } from "@/lib/agents/operations";
import { toCompatRelease } from "@/lib/agents/serializers";

export const PUT = route(compatUpdateDraftOp, async ({ ctx, body }) => {
  const { agentUuid, description, parentUuid, ...config } = body;
  return { release: toCompatRelease(await updateDraft(ctx, agentUuid, { config, description, parentId: parentUuid }, "camel")) };
});

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods(compatUpdateDraftOp);
