// GET, POST /api/v1/org/{org}/ws/{workspace}/runtimes/{runtime_id}/capabilities (seeds/001)
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createBindingOp, listBindingsOp } from "@/lib/runtimes/operations";
import { toBinding } from "@/lib/runtimes/serializers";
import { addBinding, listBindings } from "@/lib/runtimes/service";

export const GET = route(listBindingsOp, async ({ ctx, params }) => ({
  items: (await listBindings(ctx, params.runtime_id)).map((b) => toBinding(ctx, b)),
}));

export const POST = route(createBindingOp, async ({ ctx, params, body }) =>
  toBinding(ctx, await addBinding(ctx, params.runtime_id, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listBindingsOp, createBindingOp);
