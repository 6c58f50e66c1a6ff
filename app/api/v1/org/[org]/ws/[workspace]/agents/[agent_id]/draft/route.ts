// GET, PUT /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/draft
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { renameKeys, toCamel, type ConfigInput } from "@/lib/agents/config";
import { getDraft, updateDraft } from "@/lib/agents/drafts";
import { getDraftOp, updateDraftOp } from "@/lib/agents/operations";
import { toDraft } from "@/lib/agents/serializers";

export const GET = route(getDraftOp, async ({ ctx, params }) =>
  toDraft(await getDraft(ctx, params.agent_id)),
);

export const PUT = route(updateDraftOp, async ({ ctx, params, body }) => {
  const { revision, description, ...config } = body;
  // The snake_case body validated, renamed into the service's (the seed's) names.
  return toDraft(
    await updateDraft(
      ctx,
      params.agent_id,
      { config: renameKeys(config, toCamel) as ConfigInput, description, revision },
      "snake",
    ),
  );
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(getDraftOp, updateDraftOp);
