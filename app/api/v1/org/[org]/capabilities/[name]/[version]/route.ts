// GET, DELETE /api/v1/org/{org}/capabilities/{name}/{version}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deleteVersionOp, getCapabilityVersionOp } from "@/lib/catalog/operations";
import { toArtifactDetail } from "@/lib/catalog/serializers";
import { deleteVersion, getVersion, versionsOf } from "@/lib/catalog/service";

export const GET = route(getCapabilityVersionOp, async ({ ctx, params }) => {
  const v = await getVersion(ctx, params.name, params.version);
  return toArtifactDetail(v, await versionsOf(ctx, v.capability));
});

export const DELETE = route(deleteVersionOp, async ({ ctx, params }) => {
  await deleteVersion(ctx, params.name, params.version);
  return null;
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods(getCapabilityVersionOp, deleteVersionOp);
