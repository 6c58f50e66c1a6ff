// GET, POST /api/v1/org/{org}/ws/{workspace}/runtimes
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createRuntimeOp, listRuntimesOp } from "@/lib/runtimes/operations";
import { toRuntime } from "@/lib/runtimes/serializers";
import { createRuntime, listRuntimes } from "@/lib/runtimes/service";

export const GET = route(listRuntimesOp, async ({ ctx }) => ({
  runtimes: (await listRuntimes(ctx)).map(toRuntime),
}));

export const POST = route(createRuntimeOp, async ({ ctx, body }) =>
  toRuntime(await createRuntime(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listRuntimesOp, createRuntimeOp);
