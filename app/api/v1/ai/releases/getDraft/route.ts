// GET /api/v1/ai/releases/getDraft?agentUuid= (seeds/003)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getDraft } from "@/lib/agents/drafts";
import { compatGetDraftOp } from "@/lib/agents/operations";
import { toCompatRelease } from "@/lib/agents/serializers";

export const GET = route(compatGetDraftOp, async ({ ctx, query }) => ({ release: toCompatRelease(await getDraft(ctx, query.agentUuid)) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatGetDraftOp);
