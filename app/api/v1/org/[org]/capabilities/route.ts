// GET /api/v1/org/{org}/capabilities: list (seeds/002). POST: push a bundle.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listCapabilities } from "@/lib/catalog/list";
import { listCapabilitiesOp, pushCapabilityOp } from "@/lib/catalog/operations";
import { readBundle } from "@/lib/catalog/push-body";
import { toArtifactDetail } from "@/lib/catalog/serializers";
import { ingestLimits, pushBundle, versionsOf } from "@/lib/catalog/service";

export const GET = route(listCapabilitiesOp, async ({ ctx, query }) => {
  const { rows, meta } = await listCapabilities(ctx, query);
  return { capabilities: rows, ...meta };
});

export const POST = route(pushCapabilityOp, async ({ ctx, req }) => {
  const bundle = await readBundle(req, ingestLimits().maxBundleBytes);
  const via = req.headers.get("x-quiver-client") === "cli" ? "cli" : "api";
  const { created, version } = await pushBundle(ctx, bundle, via);
  const detail = toArtifactDetail(version, await versionsOf(ctx, version.capability));
  return created ? detail : Response.json(detail, { status: 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listCapabilitiesOp, pushCapabilityOp);
