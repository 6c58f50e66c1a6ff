// POST /api/v1/auth/sign-up: a new account, as QUIVER_SIGNUP allows: with its personal org and
// `main` workspace, or in the org of the invitation it brings.
import { route } from "@/lib/api/route";
import { limitSignUp } from "@/lib/auth/sign-in-limits";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { signUpOp } from "@/lib/users/operations";
import { signUpByMode } from "@/lib/invitations/sign-up";

// A taken email answers like a new one (see signUp): sign-up does not say which emails exist.
export const POST = route(signUpOp, async ({ ctx, body, req }) => {
  await limitSignUp(req);
  return signUpByMode(ctx.db, body, ctx.requestId);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(signUpOp);
