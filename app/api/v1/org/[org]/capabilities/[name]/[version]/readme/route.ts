// GET /api/v1/org/{org}/capabilities/{name}/{version}/readme
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { getReadmeOp } from "@/lib/catalog/operations";
import { blobBytes, getVersion } from "@/lib/catalog/service";

export const GET = route(getReadmeOp, async ({ ctx, params }) => {
  const v = await getVersion(ctx, params.name, params.version);
  const file = v.files.find((f) => /^readme(\.md|\.markdown|\.txt)?$/i.test(f.path));
  if (!file) throw new ApiError("not_found", `${params.name} ${params.version} has no README`);
  return new Response(new Uint8Array(await blobBytes(ctx, file.sha256)), {
    headers: { "content-type": "text/markdown; charset=utf-8", "x-content-type-options": "nosniff" },
  });
});
