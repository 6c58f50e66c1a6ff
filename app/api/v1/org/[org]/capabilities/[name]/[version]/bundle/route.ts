// GET /api/v1/org/{org}/capabilities/{name}/{version}/bundle: the bundle exactly as pushed.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getBundleOp } from "@/lib/catalog/operations";
import { downloadHeaders } from "@/lib/catalog/content-type";
import { blobBytes, getVersion } from "@/lib/catalog/service";

export const GET = route(getBundleOp, async ({ ctx, params }) => {
  const v = await getVersion(ctx, params.name, params.version);
  const ext = v.bundleKind === "zip" ? "zip" : "tar.gz";
  const filename = `${v.capability.name.replace("/", "-")}-${v.version}.${ext}`;
  return new Response(new Uint8Array(await blobBytes(ctx, v.artifactSha256)), {
    headers: downloadHeaders(
      filename,
      ext === "zip" ? "application/zip" : "application/gzip",
      v.artifactSha256,
    ),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getBundleOp);
