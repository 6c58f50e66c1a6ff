// POST /api/v1/org/{org}/invitations/{id}/resend
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { resendInvitationOp } from "@/lib/invitations/operations";
import { resendInvitation } from "@/lib/invitations/service";
import { toInvitation } from "@/lib/invitations/serializers";
import { publicBaseUrl } from "@/lib/invitations/links";

export const POST = route(resendInvitationOp, async ({ ctx, params, req }) => {
  const { row, acceptUrl } = await resendInvitation(ctx, params.id, publicBaseUrl(req));
  return { invitation: toInvitation(row), accept_url: acceptUrl };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(resendInvitationOp);
