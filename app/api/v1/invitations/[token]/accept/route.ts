// POST /api/v1/invitations/{token}/accept: the signed-in invitee joins the org.
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { acceptInvitationOp } from "@/lib/invitations/operations";
import { acceptInvitation } from "@/lib/invitations/service";

export const POST = route(acceptInvitationOp, ({ ctx, params }) =>
  acceptInvitation(ctx, params.token),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(acceptInvitationOp);
