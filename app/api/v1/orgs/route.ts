// GET /api/v1/orgs: the caller's organizations; POST: create one (the caller becomes owner).
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createOrgOp, listOrgsOp } from "@/lib/orgs/operations";
import { createOrg, listOrgsForUser } from "@/lib/orgs/service";
import { toOrganization } from "@/lib/orgs/serializers";

export const GET = route(listOrgsOp, async ({ ctx }) => ({
  orgs: (await listOrgsForUser(ctx.db, ctx.actor.userId, ctx.actor.token?.orgId)).map((o) =>
    toOrganization(o, o.role),
  ),
}));

export const POST = route(createOrgOp, async ({ ctx, body }) =>
  toOrganization(await createOrg(ctx, body), "owner"),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listOrgsOp, createOrgOp);
