// PATCH /api/v1/org/{org}/members/{user_id}: change the role; DELETE: remove the member, or leave.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { removeMemberOp, updateMemberOp } from "@/lib/members/operations";
import { removeMember, updateMemberRole } from "@/lib/members/service";
import { toMember } from "@/lib/members/serializers";

export const PATCH = route(updateMemberOp, async ({ ctx, params, body }) =>
  toMember(await updateMemberRole(ctx, params.user_id, body.role)),
);

export const DELETE = route(removeMemberOp, ({ ctx, params }) => removeMember(ctx, params.user_id));

export const { GET, POST, PUT, OPTIONS } = otherMethods(updateMemberOp, removeMemberOp);
