// GET /api/v1/ai/releases/{uuid} (seeds/003)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatGetOp } from "@/lib/agents/operations";
import { getRelease } from "@/lib/agents/releases";
import { toCompatRelease } from "@/lib/agents/serializers";

export const GET = route(compatGetOp, async ({ ctx, params }) => ({
  release: toCompatRelease(await getRelease(ctx, params.uuid)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatGetOp);
