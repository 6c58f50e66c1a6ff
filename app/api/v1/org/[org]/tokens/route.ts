// GET, POST /api/v1/org/{org}/tokens
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createTokenOp, listTokensOp } from "@/lib/tokens/operations";
import { createToken, listTokens } from "@/lib/tokens/service";
import { toApiToken } from "@/lib/tokens/serializers";

export const GET = route(listTokensOp, async ({ ctx }) => ({
  tokens: (await listTokens(ctx)).map((t) => toApiToken(t)),
}));

export const POST = route(createTokenOp, async ({ ctx, body }) => {
  const { row, secret } = await createToken(ctx, body);
  return { ...toApiToken(row), token: secret };
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listTokensOp, createTokenOp);
