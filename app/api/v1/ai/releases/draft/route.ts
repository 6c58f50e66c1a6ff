// GET /api/v1/ai/releases/draft?agentUuid= (Cargo's client; the seed's getDraft)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatGetDraft } from "@/lib/agents/compat-handlers";
import { compatDraftOp } from "@/lib/agents/operations";

export const GET = route(compatDraftOp, compatGetDraft);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatDraftOp);
