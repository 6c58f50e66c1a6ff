// GET /api/v1/prompts/{id} (seeds/004 surface)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatGetPromptOp } from "@/lib/optimization/compat-operations";
import { getPrompt } from "@/lib/optimization/prompts";
import { toCompatPrompt } from "@/lib/optimization/serializers";

export const GET = route(compatGetPromptOp, async ({ ctx, params }) =>
  toCompatPrompt(await getPrompt(ctx, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(compatGetPromptOp);
