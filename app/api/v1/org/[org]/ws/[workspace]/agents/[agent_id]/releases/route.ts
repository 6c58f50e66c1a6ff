// GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases?limit=&offset=
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listReleasesOp } from "@/lib/agents/operations";
import { listReleases } from "@/lib/agents/releases";
import { toReleaseSummary } from "@/lib/agents/serializers";

export const GET = route(listReleasesOp, async ({ ctx, params, query }) => {
  const { releases, total } = await listReleases(ctx, params.agent_id, query);
  return {
    releases: releases.map(toReleaseSummary),
    total,
    limit: query.limit,
    offset: query.offset,
  };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(listReleasesOp);
