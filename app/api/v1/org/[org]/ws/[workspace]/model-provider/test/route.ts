// POST /api/v1/org/{org}/ws/{workspace}/model-provider/test
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { testModelProviderOp } from "@/lib/llm/operations";
import { testModelProvider } from "@/lib/llm/providers";

export const POST = route(testModelProviderOp, ({ ctx, body }) => testModelProvider(ctx, body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(testModelProviderOp);
