// GET /api/v1/invitations/{token}: the invitation a link names, for the accept page (no sign-in;
// the route wrapper counts these calls against the caller's address).
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { getPublicInvitationOp } from "@/lib/invitations/operations";
import { getPublicInvitation } from "@/lib/invitations/service";

export const GET = route(getPublicInvitationOp, ({ ctx, params }) =>
  getPublicInvitation(ctx, params.token),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(getPublicInvitationOp);
