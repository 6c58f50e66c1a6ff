// GET /api/v1/optimizations/{id} (seeds/004)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getJob } from "@/lib/optimization/jobs";
import { compatGetOp } from "@/lib/optimization/operations";
import { toCompatJob } from "@/lib/optimization/serializers";

export const GET = route(compatGetOp, async ({ ctx, params }) => toCompatJob(await getJob(ctx, params.id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatGetOp);
