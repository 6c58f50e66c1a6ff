// GET /api/v1/ai/releases/list?agentUuid=&limit=&offset= (seeds/003)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatListOp } from "@/lib/agents/operations";
import { listReleases } from "@/lib/agents/releases";
import { toCompatRelease } from "@/lib/agents/serializers";

export const GET = route(compatListOp, async ({ ctx, query }) => {
  const { releases, total } = await listReleases(ctx, query.agentUuid, query);
  return { releases: releases.map(toCompatRelease), total };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatListOp);
