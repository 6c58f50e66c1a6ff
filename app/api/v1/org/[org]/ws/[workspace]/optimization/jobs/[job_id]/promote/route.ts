// POST .../optimization/jobs/{job_id}/promote {name?, version?} (seeds/000)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { toArtifactDetail } from "@/lib/catalog/serializers";
import { promoteJob } from "@/lib/optimization/job/promote";
import { promoteOp } from "@/lib/optimization/operations";

export const POST = route(promoteOp, ({ ctx, params, body }) =>
  promoteJob(ctx, params.job_id, body).then((r) => toArtifactDetail(r.version, r.versions)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(promoteOp);
