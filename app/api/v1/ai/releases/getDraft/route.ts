// GET /api/v1/ai/releases/getDraft?agentUuid= (seeds/003; also at draft/, where Cargo's client calls it)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatGetDraft } from "@/lib/agents/compat-handlers";
import { compatGetDraftOp } from "@/lib/agents/operations";

export const GET = route(compatGetDraftOp, compatGetDraft);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatGetDraftOp);
