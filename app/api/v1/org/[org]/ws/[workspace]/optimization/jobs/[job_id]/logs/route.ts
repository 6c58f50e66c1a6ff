// GET .../optimization/jobs/{job_id}/logs
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { jobLogs } from "@/lib/optimization/job/read";
import { jobLogsOp } from "@/lib/optimization/operations";

export const GET = route(jobLogsOp, async ({ ctx, params }) => ({
  logs: (await jobLogs(ctx, params.job_id)).map((l) => ({
    seq: l.seq,
    message: l.message,
    created_at: l.createdAt.toISOString(),
  })),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(jobLogsOp);
