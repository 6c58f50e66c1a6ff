// GET .../optimization/jobs/{job_id}/analysis: the statistics (live while the job runs).
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { analysisOf, getJob } from "@/lib/optimization/jobs";
import { jobAnalysisOp } from "@/lib/optimization/operations";

export const GET = route(jobAnalysisOp, async ({ ctx, params }) => {
  const analysis = await analysisOf(ctx, await getJob(ctx, params.job_id));
  if (!analysis)
    throw new ApiError(
      "not_found",
      "No statistics yet: the job has no control variant or no scored cells",
    );
  return analysis as unknown as Record<string, unknown>;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(jobAnalysisOp);
