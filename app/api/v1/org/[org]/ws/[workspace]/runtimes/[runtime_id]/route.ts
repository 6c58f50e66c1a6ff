// GET, PATCH, DELETE /api/v1/org/{org}/ws/{workspace}/runtimes/{runtime_id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { deleteRuntimeOp, getRuntimeOp, updateRuntimeOp } from "@/lib/runtimes/operations";
import { toRuntime } from "@/lib/runtimes/serializers";
import { deleteRuntime, getRuntime, updateRuntime } from "@/lib/runtimes/service";

export const GET = route(getRuntimeOp, async ({ ctx, params }) =>
  toRuntime(await getRuntime(ctx, params.runtime_id)),
);

export const PATCH = route(updateRuntimeOp, async ({ ctx, params, body }) =>
  toRuntime(await updateRuntime(ctx, params.runtime_id, body)),
);

export const DELETE = route(deleteRuntimeOp, async ({ ctx, params }) => {
  await deleteRuntime(ctx, params.runtime_id);
  return null;
});

export const { POST, PUT, OPTIONS } = otherMethods(getRuntimeOp, updateRuntimeOp, deleteRuntimeOp);
