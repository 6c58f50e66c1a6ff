// POST .../optimization/jobs/{job_id}/apply {variant_id?}: a prompt's new active version, or a new
// revision of an agent's draft.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { applyVariant } from "@/lib/optimization/job/apply";
import { applyOp } from "@/lib/optimization/operations";
import { toPromptVersion } from "@/lib/optimization/serializers";

export const POST = route(applyOp, async ({ ctx, params, body }) => {
  const { job, variant, version, draft } = await applyVariant(ctx, params.job_id, body.variant_id);
  return {
    success: true,
    prompt_id: job.promptId,
    applied_variant_id: variant.id,
    prompt_version: version ? toPromptVersion(version) : null,
    draft,
    message: version
      ? `${variant.name} applied as version ${version.number}`
      : `${variant.name} applied to the agent's draft (revision ${draft!.revision}); deploy the draft to release it`,
  };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(applyOp);
