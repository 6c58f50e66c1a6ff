// GET /api/v1/org/{org}/capabilities/{name}/{version}/readme
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { downloadHeaders } from "@/lib/catalog/content-type";
import { getReadmeOp } from "@/lib/catalog/operations";
import { blobBytes, getVersion, readmeFile } from "@/lib/catalog/service";

export const GET = route(getReadmeOp, async ({ ctx, params }) => {
  const v = await getVersion(ctx, params.name, params.version);
  const file = readmeFile(v);
  if (!file) throw new ApiError("not_found", `${params.name} ${params.version} has no README`);
  const bytes = await blobBytes(ctx, file.sha256);
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders(file.path, "text/markdown; charset=utf-8", file.sha256),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getReadmeOp);
