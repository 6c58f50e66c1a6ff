// GET, POST /api/v1/org/{org}/ws/{workspace}/prompts
import { paginate } from "@/lib/api/schemas";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createPromptOp, listPromptsOp } from "@/lib/optimization/operations";
import { createPrompt, listPrompts } from "@/lib/optimization/prompts";
import { toPrompt } from "@/lib/optimization/serializers";

export const GET = route(listPromptsOp, async ({ ctx, query }) => {
  const { total, prompts } = await listPrompts(ctx, query);
  return { prompts: prompts.map(toPrompt), ...paginate(total, query.page, query.limit) };
});

export const POST = route(createPromptOp, async ({ ctx, body }) =>
  toPrompt(await createPrompt(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listPromptsOp, createPromptOp);
