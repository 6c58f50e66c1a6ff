// POST /api/v1/ai/releases/deployDraft (seeds/003): the body's configuration written to the draft, then deployed.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deployDraft } from "@/lib/agents/deploy";
import { compatDeployDraftOp } from "@/lib/agents/operations";
import { toCompatRelease } from "@/lib/agents/serializers";

export const POST = route(compatDeployDraftOp, async ({ ctx, body }) => {
  const { agentUuid, version, description, options, parentUuid, ...config } = body;
  return { release: toCompatRelease(await deployDraft(ctx, agentUuid, { config, version, description, options, parentId: parentUuid }, "camel")) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatDeployDraftOp);
