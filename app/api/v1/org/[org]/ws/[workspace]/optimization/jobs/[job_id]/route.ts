// GET, PATCH /api/v1/org/{org}/ws/{workspace}/optimization/jobs/{job_id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getJob } from "@/lib/optimization/job/read";
import { updateJob } from "@/lib/optimization/job/update";
import { getJobOp, updateJobOp } from "@/lib/optimization/operations";
import { toJob } from "@/lib/optimization/serializers";

export const GET = route(getJobOp, async ({ ctx, params }) =>
  toJob(await getJob(ctx, params.job_id)),
);

export const PATCH = route(updateJobOp, async ({ ctx, params, body }) =>
  toJob(await updateJob(ctx, params.job_id, body)),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods(getJobOp, updateJobOp);
