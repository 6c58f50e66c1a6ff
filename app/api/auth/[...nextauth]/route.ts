// next-auth's own endpoints (sign-in, sign-out, session, CSRF). The credentials callback (the
// password sign-in) goes through the attempt limits first: 429 with Retry-After while locked.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { limitSignIn } from "@/lib/auth/sign-in-limits";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  const run = (r: Request) => NextAuth(authOptions())(r, { params });
  const [action, provider] = params.nextauth ?? [];
  if (req.method === "POST" && action === "callback" && provider === "credentials")
    return limitSignIn(req, run);
  return run(req);
}

export { handler as GET, handler as POST };
