// POST .../optimization/jobs/{job_id}/retry: a new job like a failed or stopped one.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { retryJob } from "@/lib/optimization/job/create";
import { retryJobOp } from "@/lib/optimization/operations";
import { toJob } from "@/lib/optimization/serializers";

export const POST = route(retryJobOp, async ({ ctx, params }) =>
  toJob(await retryJob(ctx, params.job_id)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(retryJobOp);
