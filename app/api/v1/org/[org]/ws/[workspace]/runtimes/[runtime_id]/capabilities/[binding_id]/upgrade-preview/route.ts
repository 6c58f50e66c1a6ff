// GET .../runtimes/{runtime_id}/capabilities/{binding_id}/upgrade-preview?to=VERSION
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { upgradePreviewOp } from "@/lib/runtimes/operations";
import { upgradePreview } from "@/lib/runtimes/service";

export const GET = route(upgradePreviewOp, ({ ctx, params, query }) =>
  upgradePreview(ctx, params.runtime_id, params.binding_id, query.to),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(upgradePreviewOp);
