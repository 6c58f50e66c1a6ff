// GET, PATCH /api/v1/org/{org}/ws/{workspace}/prompts/{id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getPromptOp, updatePromptOp } from "@/lib/optimization/operations";
import { getPrompt, updatePrompt } from "@/lib/optimization/prompts";
import { toPrompt } from "@/lib/optimization/serializers";

export const GET = route(getPromptOp, async ({ ctx, params }) =>
  toPrompt(await getPrompt(ctx, params.id)),
);

export const PATCH = route(updatePromptOp, async ({ ctx, params, body }) =>
  toPrompt(await updatePrompt(ctx, params.id, body)),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods(getPromptOp, updatePromptOp);
