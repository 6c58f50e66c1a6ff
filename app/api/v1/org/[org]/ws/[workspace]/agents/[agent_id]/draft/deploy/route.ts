// POST /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/draft/deploy {version?, description?, revision?}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deployDraft } from "@/lib/agents/deploy";
import { deployDraftOp } from "@/lib/agents/operations";
import { toRelease } from "@/lib/agents/serializers";

export const POST = route(deployDraftOp, async ({ ctx, params, body }) =>
  toRelease(await deployDraft(ctx, params.agent_id, body, "snake")),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(deployDraftOp);
