// Canonical API operations of invitations: admins invite by email; the invitee reads the link
// without signing in and accepts it with a signed-in session.
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import {
  acceptInvitationResponse,
  createInvitationBody,
  invitation,
  invitationListResponse,
  invitationPathParams,
  invitationTokenParams,
  invitationWithLink,
  publicInvitation,
} from "./schemas";

export const listInvitationsOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/invitations",
  tag: "Members",
  summary: "List invitations",
  description:
    "Pending and expired invitations (not accepted, not revoked), newest first. Never contains a link.",
  auth: "required",
  scope: "org",
  permission: "invitations:read",
  params: orgPathParams,
  response: invitationListResponse,
});

export const createInvitationOp = defineOperation({
  method: "POST",
  path: "/api/v1/org/{org}/invitations",
  tag: "Members",
  summary: "Invite someone by email",
  description:
    "The role is at most the caller's own (owners may invite owners). An email that already belongs to a member is a 409. " +
    "A second invitation to the same email revokes the first. The link is in this response only (stored as its sha256) and " +
    "lasts QUIVER_INVITATION_TTL_DAYS. When SMTP is configured the email is sent as well; a sending failure is recorded in " +
    "`email_error` and does not fail the invitation.",
  auth: "required",
  scope: "org",
  permission: "invitations:write",
  params: orgPathParams,
  body: createInvitationBody,
  response: invitationWithLink,
  status: 201,
});

export const resendInvitationOp = defineOperation({
  method: "POST",
  path: "/api/v1/org/{org}/invitations/{id}/resend",
  tag: "Members",
  summary: "Renew an invitation's link",
  description:
    "A new link (the old one stops working) with a renewed expiry; the email is sent again when SMTP is configured. " +
    "An accepted or revoked invitation is a 409. Only someone whose role is at least the invitation's may renew it.",
  auth: "required",
  scope: "org",
  permission: "invitations:write",
  params: invitationPathParams,
  response: invitationWithLink,
});

export const revokeInvitationOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/org/{org}/invitations/{id}",
  tag: "Members",
  summary: "Revoke an invitation",
  description:
    "Its link stops working at once. Revoking a revoked invitation answers the same; an accepted one is a 409.",
  auth: "required",
  scope: "org",
  permission: "invitations:write",
  params: invitationPathParams,
  response: invitation,
});

export const getPublicInvitationOp = defineOperation({
  method: "GET",
  path: "/api/v1/invitations/{token}",
  tag: "Members",
  summary: "Read an invitation link",
  description:
    "No sign-in needed: the secret of the link is the credential. An unknown or malformed secret is a 404 that says nothing more.",
  auth: "none",
  scope: "none",
  params: invitationTokenParams,
  response: publicInvitation,
});

export const acceptInvitationOp = defineOperation({
  method: "POST",
  path: "/api/v1/invitations/{token}/accept",
  tag: "Members",
  summary: "Accept an invitation",
  description:
    "From a signed-in browser session whose account email is the invited one (case-insensitive; 403 naming the invited address otherwise). " +
    "Unknown → 404; already accepted → 409; expired → 409 `expired_token_error`; revoked → 409 `conflict_error` (the detail says which). " +
    "Someone who already is a member keeps the higher of the two roles.",
  auth: "required",
  scope: "none",
  params: invitationTokenParams,
  response: acceptInvitationResponse,
});
