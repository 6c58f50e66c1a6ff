// DELETE /api/v1/org/{org}/invitations/{id}
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { revokeInvitationOp } from "@/lib/invitations/operations";
import { revokeInvitation } from "@/lib/invitations/service";
import { toInvitation } from "@/lib/invitations/serializers";

export const DELETE = route(revokeInvitationOp, async ({ ctx, params }) =>
  toInvitation(await revokeInvitation(ctx, params.id)),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(revokeInvitationOp);
