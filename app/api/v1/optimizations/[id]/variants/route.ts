// GET /api/v1/optimizations/{id}/variants (seeds/004)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { jobVariants } from "@/lib/optimization/job/read";
import { compatVariantsOp } from "@/lib/optimization/compat-operations";
import { toCompatVariant } from "@/lib/optimization/serializers";

export const GET = route(compatVariantsOp, async ({ ctx, params }) => ({
  data: (await jobVariants(ctx, params.id)).variants.map(toCompatVariant),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatVariantsOp);
