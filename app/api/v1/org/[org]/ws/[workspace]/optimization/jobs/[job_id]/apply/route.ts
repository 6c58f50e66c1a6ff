// POST .../optimization/jobs/{job_id}/apply {variant_id?}
import { route } from "@/lib/api/route";
import { applyVariant } from "@/lib/optimization/jobs";
import { applyOp } from "@/lib/optimization/operations";
import { toPromptVersion } from "@/lib/optimization/serializers";

export const POST = route(applyOp, async ({ ctx, params, body }) => {
  const { job, variant, version } = await applyVariant(ctx, params.job_id, body.variant_id);
  return { success: true, prompt_id: job.promptId!, applied_variant_id: variant.id, prompt_version: toPromptVersion(version), message: `${variant.name} applied as version ${version.number}` };
});
