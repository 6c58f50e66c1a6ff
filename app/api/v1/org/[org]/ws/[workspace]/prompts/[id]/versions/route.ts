// GET, POST /api/v1/org/{org}/ws/{workspace}/prompts/{id}/versions
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createPromptVersionOp, listPromptVersionsOp } from "@/lib/optimization/operations";
import { addPromptVersion, listPromptVersions } from "@/lib/optimization/prompts";
import { toPromptVersion } from "@/lib/optimization/serializers";

export const GET = route(listPromptVersionsOp, async ({ ctx, params }) => ({
  versions: (await listPromptVersions(ctx, params.id)).map(toPromptVersion),
}));

export const POST = route(createPromptVersionOp, async ({ ctx, params, body }) =>
  toPromptVersion(await addPromptVersion(ctx, params.id, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(
  listPromptVersionsOp,
  createPromptVersionOp,
);
