// GET, POST /api/v1/org/{org}/invitations
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { createInvitationOp, listInvitationsOp } from "@/lib/invitations/operations";
import { createInvitation, listInvitations } from "@/lib/invitations/service";
import { toInvitation } from "@/lib/invitations/serializers";
import { publicBaseUrl } from "@/lib/invitations/links";

export const GET = route(listInvitationsOp, async ({ ctx }) => {
  const items = (await listInvitations(ctx)).map((row) => toInvitation(row));
  return { items, total: items.length };
});

export const POST = route(createInvitationOp, async ({ ctx, body, req }) => {
  const { row, acceptUrl } = await createInvitation(ctx, body, publicBaseUrl(req));
  return { invitation: toInvitation(row), accept_url: acceptUrl };
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(listInvitationsOp, createInvitationOp);
