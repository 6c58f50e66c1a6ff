// POST .../optimization/jobs/{job_id}/cancel {reason?}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { stopJob } from "@/lib/optimization/job/progress";
import { cancelJobOp } from "@/lib/optimization/operations";
import { toJob } from "@/lib/optimization/serializers";

export const POST = route(cancelJobOp, async ({ ctx, params, body }) =>
  toJob(await stopJob(ctx, params.job_id, body.reason)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(cancelJobOp);
