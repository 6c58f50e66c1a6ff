// GET /api/v1/org/{org}/ws/{workspace}/optimization/jobs/{job_id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getJob } from "@/lib/optimization/job/read";
import { getJobOp } from "@/lib/optimization/operations";
import { toJob } from "@/lib/optimization/serializers";

export const GET = route(getJobOp, async ({ ctx, params }) =>
  toJob(await getJob(ctx, params.job_id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getJobOp);
