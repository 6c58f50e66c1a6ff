// GET /api/v1/org/{org}/members?page=&limit=
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listMembersOp } from "@/lib/members/operations";
import { listMembers } from "@/lib/members/service";
import { toMember } from "@/lib/members/serializers";

export const GET = route(listMembersOp, async ({ ctx, query }) => {
  const { rows, ...page } = await listMembers(ctx, query);
  return { items: rows.map(toMember), ...page };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(listMembersOp);
