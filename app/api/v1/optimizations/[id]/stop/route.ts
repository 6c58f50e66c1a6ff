// POST /api/v1/optimizations/{id}/stop {reason?} (seeds/004)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { stopJob } from "@/lib/optimization/job/progress";
import { compatStopOp } from "@/lib/optimization/compat-operations";
import { jobStatus } from "@/lib/optimization/schemas";

export const POST = route(compatStopOp, async ({ ctx, params, body }) => {
  const job = await stopJob(ctx, params.id, body.reason);
  return { success: true, status: jobStatus.parse(job.status) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatStopOp);
