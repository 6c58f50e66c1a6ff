// GET, PUT, DELETE /api/v1/org/{org}/ws/{workspace}/model-provider
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import {
  deleteModelProviderOp,
  getModelProviderOp,
  putModelProviderOp,
} from "@/lib/llm/operations";
import { deleteModelProvider, getModelProvider, putModelProvider } from "@/lib/llm/providers";

export const GET = route(getModelProviderOp, ({ ctx }) => getModelProvider(ctx));

export const PUT = route(putModelProviderOp, ({ ctx, body }) => putModelProvider(ctx, body));

export const DELETE = route(deleteModelProviderOp, async ({ ctx }) => {
  await deleteModelProvider(ctx);
  return null;
});

export const { POST, PATCH, OPTIONS } = otherMethods(
  getModelProviderOp,
  putModelProviderOp,
  deleteModelProviderOp,
);
