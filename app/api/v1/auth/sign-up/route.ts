// POST /api/v1/auth/sign-up: a new account with its personal org and `main` workspace.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { signUpOp } from "@/lib/users/operations";
import { createUser } from "@/lib/users/service";

export const POST = route(signUpOp, async ({ ctx, body }) => {
  const { user, org } = await createUser(ctx.db, body, ctx.requestId);
  return { user: { id: user.id, email: user.email, name: user.name }, org: { slug: org.slug, name: org.name }, workspace: { slug: "main" } };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(signUpOp);
