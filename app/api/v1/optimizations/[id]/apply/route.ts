// POST /api/v1/optimizations/{id}/apply {variantId?} (seeds/004)
import { route } from "@/lib/api/route";
import { applyVariant } from "@/lib/optimization/jobs";
import { compatApplyOp } from "@/lib/optimization/operations";

export const POST = route(compatApplyOp, async ({ ctx, params, body }) => {
  const { job, variant } = await applyVariant(ctx, params.id, body.variantId);
  return { success: true, promptId: job.promptId!, appliedVariantId: variant.id, message: "Variant applied successfully" };
});
