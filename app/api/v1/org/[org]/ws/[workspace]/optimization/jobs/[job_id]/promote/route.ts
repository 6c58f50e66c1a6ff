// POST .../optimization/jobs/{job_id}/promote {name?, version?} (seeds/000)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { versionsOf } from "@/lib/catalog/service";
import { toArtifactDetail } from "@/lib/catalog/serializers";
import { promoteJob } from "@/lib/optimization/jobs";
import { promoteOp } from "@/lib/optimization/operations";

export const POST = route(promoteOp, async ({ ctx, params, body }) => {
  const v = await promoteJob(ctx, params.job_id, body);
  return toArtifactDetail(v, await versionsOf(ctx, v.capabilityId));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(promoteOp);
