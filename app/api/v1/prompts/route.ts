// GET, POST /api/v1/prompts: the prompts of the seeds/004 surface (the token's default workspace).
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { compatCreatePromptOp, compatListPromptsOp } from "@/lib/optimization/compat-operations";
import { createPrompt, listPrompts } from "@/lib/optimization/prompts";
import { toCompatPrompt } from "@/lib/optimization/serializers";

export const GET = route(compatListPromptsOp, async ({ ctx, query }) => ({
  data: (await listPrompts(ctx, { status: query.status, page: 1, limit: query.limit })).prompts.map(
    toCompatPrompt,
  ),
}));

export const POST = route(compatCreatePromptOp, async ({ ctx, body }) =>
  toCompatPrompt(await createPrompt(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(
  compatListPromptsOp,
  compatCreatePromptOp,
);
