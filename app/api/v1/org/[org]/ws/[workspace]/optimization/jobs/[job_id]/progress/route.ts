// POST .../optimization/jobs/{job_id}/progress: an external executor's report.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { reportProgress } from "@/lib/optimization/job/progress";
import { progressOp } from "@/lib/optimization/operations";
import { toJob } from "@/lib/optimization/serializers";

export const POST = route(progressOp, async ({ ctx, params, body }) =>
  toJob(await reportProgress(ctx, params.job_id, body)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(progressOp);
