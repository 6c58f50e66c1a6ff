// Canonical API operations of an org's members.
import { defineOperation } from "@/lib/api/operation";
import { orgPathParams } from "@/lib/orgs/schemas";
import {
  listMembersQuery,
  member,
  memberListResponse,
  memberPathParams,
  removedMember,
  updateMemberBody,
} from "./schemas";

export const listMembersOp = defineOperation({
  method: "GET",
  path: "/api/v1/org/{org}/members",
  tag: "Members",
  summary: "List the organization's members",
  description: "Every member sees who belongs, oldest membership first.",
  auth: "required",
  scope: "org",
  permission: "members:read",
  params: orgPathParams,
  query: listMembersQuery,
  response: memberListResponse,
});

export const updateMemberOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/org/{org}/members/{user_id}",
  tag: "Members",
  summary: "Change a member's role",
  description:
    "Admins give roles up to their own; only owners make someone an owner or change an owner's role. " +
    "The last owner cannot be demoted (409). Lowering your own role is allowed.",
  auth: "required",
  scope: "org",
  permission: "members:write",
  params: memberPathParams,
  body: updateMemberBody,
  response: member,
});

export const removeMemberOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/org/{org}/members/{user_id}",
  tag: "Members",
  summary: "Remove a member, or leave",
  description:
    "Admins remove members at or below their own role; only owners remove owners; anyone may remove themselves (leave). " +
    "The last owner can neither leave nor be removed (409). The member's API tokens for this organization are revoked; " +
    "what they created stays, and their browser session loses access to the organization on its next request.",
  auth: "required",
  scope: "org",
  permission: "members:remove",
  params: memberPathParams,
  response: removedMember,
});
