// GET /api/v1/orgs: the caller's organizations.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listOrgsOp } from "@/lib/orgs/operations";
import { listOrgsForUser } from "@/lib/orgs/service";
import { toOrganization } from "@/lib/orgs/serializers";

export const GET = route(listOrgsOp, async ({ ctx }) => ({
  orgs: (await listOrgsForUser(ctx.db, ctx.actor.userId, ctx.actor.token?.orgId)).map((o) => toOrganization(o, o.role)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(listOrgsOp);
