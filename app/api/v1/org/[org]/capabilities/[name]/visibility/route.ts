// PATCH /api/v1/org/{org}/capabilities/{name}/visibility {is_public}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { setVisibilityOp } from "@/lib/catalog/operations";
import { setVisibility } from "@/lib/catalog/service";

export const PATCH = route(setVisibilityOp, async ({ ctx, params, body }) => {
  const cap = await setVisibility(ctx, params.name, body.is_public);
  return { name: cap.name, is_public: cap.isPublic, version_count: cap.versionCount };
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods(setVisibilityOp);
