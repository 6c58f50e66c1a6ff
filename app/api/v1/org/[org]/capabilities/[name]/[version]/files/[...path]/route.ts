// GET /api/v1/org/{org}/capabilities/{name}/{version}/files/{path}: a file's bytes.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getFileOp } from "@/lib/catalog/operations";
import { blobBytes, getVersion } from "@/lib/catalog/service";
import { contentType, downloadHeaders } from "@/lib/catalog/content-type";

export const GET = route(getFileOp, async ({ ctx, params }) => {
  const path = params.path.join("/");
  const v = await getVersion(ctx, params.name, params.version);
  const file = v.files.find((f) => f.path === path);
  if (!file)
    throw new ApiError("not_found", `${params.name} ${params.version} has no file '${path}'`);
  const bytes = await blobBytes(ctx, file.sha256);
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders(
      path.slice(path.lastIndexOf("/") + 1),
      contentType(path, bytes),
      file.sha256,
    ),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getFileOp);
