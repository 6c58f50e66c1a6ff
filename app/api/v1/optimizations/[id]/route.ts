// GET /api/v1/optimizations/{id} (seeds/004)
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getJob } from "@/lib/optimization/job/read";
import { compatGetOp } from "@/lib/optimization/compat-operations";
import { toCompatJob } from "@/lib/optimization/serializers";

// A run of another target is not on this surface (its promptId would be null): 404, as the list leaves it out.
export const GET = route(compatGetOp, async ({ ctx, params }) => {
  const job = await getJob(ctx, params.id);
  if (job.targetKind !== "prompt")
    throw new ApiError(
      "not_found",
      `Optimization '${params.id}' not found on this surface: it optimizes ${job.targetKind === "agent_draft" ? "an agent's draft" : "a capability agent"}; read it at /api/v1/org/{org}/ws/{workspace}/optimization/jobs/${job.id}`,
    );
  return toCompatJob(job);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatGetOp);
