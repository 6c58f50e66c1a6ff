// PATCH, DELETE /api/v1/org/{org}/ws/{workspace}/runtimes/{runtime_id}/capabilities/{binding_id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deleteBindingOp, updateBindingOp } from "@/lib/runtimes/operations";
import { toBinding } from "@/lib/runtimes/serializers";
import { removeBinding, updateBinding, type BindingChange } from "@/lib/runtimes/service";

export const PATCH = route(updateBindingOp, async ({ ctx, params, body }) =>
  toBinding(
    ctx,
    await updateBinding(ctx, params.runtime_id, params.binding_id, body as BindingChange),
  ),
);

export const DELETE = route(deleteBindingOp, async ({ ctx, params }) => {
  await removeBinding(ctx, params.runtime_id, params.binding_id);
  return null;
});

export const { GET, POST, PUT, OPTIONS } = otherMethods(updateBindingOp, deleteBindingOp);
