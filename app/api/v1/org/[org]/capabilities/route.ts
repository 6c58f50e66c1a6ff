// GET /api/v1/org/{org}/capabilities: list (seeds/002). POST: push a bundle.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listCapabilities } from "@/lib/catalog/list";
import { listCapabilitiesOp, pushCapabilityOp } from "@/lib/catalog/operations";
import { pushBundle } from "@/lib/catalog/push";
import { toPushResponse } from "@/lib/catalog/serializers";

export const GET = route(listCapabilitiesOp, async ({ ctx, query }) => {
  const { rows, meta } = await listCapabilities(ctx, query);
  return { capabilities: rows, ...meta };
});

export const POST = route(pushCapabilityOp, ({ ctx, req, body }) =>
  pushBundle(ctx, body, req.headers.get("x-quiver-client") === "cli" ? "cli" : "api").then(
    toPushResponse,
  ),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listCapabilitiesOp, pushCapabilityOp);
