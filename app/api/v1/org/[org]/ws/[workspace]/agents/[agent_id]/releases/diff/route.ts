// GET /api/v1/org/{org}/ws/{workspace}/agents/{agent_id}/releases/diff?from=&to=
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { diffReleasesOp } from "@/lib/agents/operations";
import { diffReleases } from "@/lib/agents/releases";
import { toReleaseDiff } from "@/lib/agents/serializers";

export const GET = route(diffReleasesOp, async ({ ctx, params, query }) =>
  toReleaseDiff(await diffReleases(ctx, params.agent_id, query.from, query.to)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(diffReleasesOp);
