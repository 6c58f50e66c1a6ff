// GET, POST /api/v1/org/{org}/ws/{workspace}/agents
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createAgent, listAgents } from "@/lib/agents/agents";
import { createAgentOp, listAgentsOp } from "@/lib/agents/operations";
import { toAgent } from "@/lib/agents/serializers";

export const GET = route(listAgentsOp, async ({ ctx }) => ({
  agents: (await listAgents(ctx)).map(toAgent),
}));

export const POST = route(createAgentOp, async ({ ctx, body }) =>
  toAgent(await createAgent(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listAgentsOp, createAgentOp);
