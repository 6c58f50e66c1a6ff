// GET /api/v1/org/{org}/search?q=&workspace=&limit=: the command palette's search
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { searchOrgOp } from "@/lib/search/operations";
import { searchOrg } from "@/lib/search/service";
import { toSearchResponse } from "@/lib/search/serializers";

export const GET = route(searchOrgOp, async ({ ctx, query }) =>
  toSearchResponse(query.q, ctx.org.slug, await searchOrg(ctx, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(searchOrgOp);
