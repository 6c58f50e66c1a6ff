// GET .../optimization/jobs/{job_id}/analysis: the statistics (live while the job runs), or
// `analysis: null` while the job has no control variant or no scored cells yet.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { analysisOf, getJob } from "@/lib/optimization/job/read";
import { jobAnalysisOp } from "@/lib/optimization/operations";

export const GET = route(jobAnalysisOp, async ({ ctx, params }) => ({
  analysis: await analysisOf(ctx, await getJob(ctx, params.job_id)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(jobAnalysisOp);
