// POST /api/v1/auth/sign-up: a new account with its personal org and `main` workspace.
import { route } from "@/lib/api/route";
import { limitSignUp } from "@/lib/auth/sign-in-limits";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { signUpOp } from "@/lib/users/operations";
import { signUp } from "@/lib/users/service";

// A taken email answers like a new one (see signUp): sign-up does not say which emails exist.
export const POST = route(signUpOp, async ({ ctx, body, req }) => {
  await limitSignUp(req);
  const { user, org } = await signUp(ctx.db, body, ctx.requestId);
  return { user, org, workspace: { slug: "main" } };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(signUpOp);
