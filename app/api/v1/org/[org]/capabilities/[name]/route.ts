// GET /api/v1/org/{org}/capabilities/{name}: the latest version.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getCapabilityOp } from "@/lib/catalog/operations";
import { toArtifactDetail } from "@/lib/catalog/serializers";
import { getVersion, versionsOf } from "@/lib/catalog/service";

export const GET = route(getCapabilityOp, async ({ ctx, params }) => {
  const v = await getVersion(ctx, params.name);
  return toArtifactDetail(v, await versionsOf(ctx, v.capability));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getCapabilityOp);
