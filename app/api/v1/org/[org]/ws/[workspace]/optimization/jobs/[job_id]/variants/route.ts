// GET .../optimization/jobs/{job_id}/variants
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { jobVariants } from "@/lib/optimization/job/read";
import { jobVariantsOp } from "@/lib/optimization/operations";
import { toVariant } from "@/lib/optimization/serializers";

export const GET = route(jobVariantsOp, async ({ ctx, params }) => ({
  variants: (await jobVariants(ctx, params.job_id)).variants.map(toVariant),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(jobVariantsOp);
