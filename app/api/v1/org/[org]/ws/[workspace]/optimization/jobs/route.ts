// GET, POST /api/v1/org/{org}/ws/{workspace}/optimization/jobs
import { paginate } from "@/lib/api/schemas";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createJob } from "@/lib/optimization/job/create";
import { listJobs } from "@/lib/optimization/job/read";
import { createJobOp, listJobsOp } from "@/lib/optimization/operations";
import { toJob } from "@/lib/optimization/serializers";

export const GET = route(listJobsOp, async ({ ctx, query }) => {
  const { total, jobs } = await listJobs(ctx, query);
  return { jobs: jobs.map(toJob), ...paginate(total, query.page, query.page_size) };
});

export const POST = route(createJobOp, async ({ ctx, body }) => toJob(await createJob(ctx, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listJobsOp, createJobOp);
