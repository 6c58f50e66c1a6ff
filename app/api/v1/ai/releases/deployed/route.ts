// GET /api/v1/ai/releases/deployed?agentUuid= (Cargo's client): the agent's deployed release, or 404 releaseNotFound
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatGetDeployed } from "@/lib/agents/compat-handlers";
import { compatDeployedOp } from "@/lib/agents/operations";

export const GET = route(compatDeployedOp, compatGetDeployed);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatDeployedOp);
