// DELETE /api/v1/org/{org}/tokens/{id}: revoke.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { revokeTokenOp } from "@/lib/tokens/operations";
import { revokeToken } from "@/lib/tokens/service";

export const DELETE = route(revokeTokenOp, async ({ ctx, params }) => {
  await revokeToken(ctx, params.id);
  return null;
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(revokeTokenOp);
