// GET, PATCH, DELETE /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deleteAgent, getAgent, updateAgent } from "@/lib/agents/agents";
import { deleteAgentOp, getAgentOp, updateAgentOp } from "@/lib/agents/operations";
import { toAgent } from "@/lib/agents/serializers";

export const GET = route(getAgentOp, async ({ ctx, params }) =>
  toAgent(await getAgent(ctx, params.agent_id)),
);

export const PATCH = route(updateAgentOp, async ({ ctx, params, body }) =>
  toAgent(await updateAgent(ctx, params.agent_id, body)),
);

export const DELETE = route(deleteAgentOp, async ({ ctx, params }) => {
  await deleteAgent(ctx, params.agent_id);
  return null;
});

export const { POST, PUT, OPTIONS } = otherMethods(getAgentOp, updateAgentOp, deleteAgentOp);
