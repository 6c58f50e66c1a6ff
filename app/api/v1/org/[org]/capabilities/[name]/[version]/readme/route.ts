// GET /api/v1/org/{org}/capabilities/{name}/{version}/readme
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getReadmeOp } from "@/lib/catalog/operations";
import { getVersion, readmeOf } from "@/lib/catalog/service";

export const GET = route(getReadmeOp, async ({ ctx, params }) => {
  const readme = await readmeOf(ctx, await getVersion(ctx, params.name, params.version));
  if (readme === null) throw new ApiError("not_found", `${params.name} ${params.version} has no README`);
  return new Response(readme, { headers: { "content-type": "text/markdown; charset=utf-8", "x-content-type-options": "nosniff" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getReadmeOp);
