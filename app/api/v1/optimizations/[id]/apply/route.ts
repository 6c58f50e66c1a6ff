// POST /api/v1/optimizations/{id}/apply {variantId?} (seeds/004). The seed's optimizations target
// prompts; a run of another kind is applied through the canonical route.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { applyVariant } from "@/lib/optimization/job/apply";
import { getJob } from "@/lib/optimization/job/read";
import { compatApplyOp } from "@/lib/optimization/compat-operations";

export const POST = route(compatApplyOp, async ({ ctx, params, body }) => {
  const target = await getJob(ctx, params.id);
  if (target.targetKind !== "prompt") {
    throw new ApiError(
      "conflict",
      `Cannot apply variant: this optimization targets ${target.targetKind === "agent_draft" ? "an agent's draft" : "a capability agent"}, not a prompt; use POST /api/v1/org/{org}/ws/{workspace}/optimization/jobs/${target.id}/${target.targetKind === "agent_draft" ? "apply" : "promote"}`,
    );
  }
  const { job, variant } = await applyVariant(ctx, params.id, body.variantId);
  return {
    success: true,
    promptId: job.promptId!,
    appliedVariantId: variant.id,
    message: "Variant applied successfully",
  };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatApplyOp);
