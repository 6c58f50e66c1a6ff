// API shapes of an org's members: who belongs, with which role, and changing or ending that.
import { z } from "zod";
import { roles } from "@/lib/auth/roles";
import { paginationQuery } from "@/lib/api/schemas";

export const listMembersQuery = paginationQuery;

export const member = z
  .object({
    user_id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    joined_at: z.string(),
    last_active_at: z.string().nullable().meta({
      description:
        "The latest of the user's browser sessions' last use and their API tokens' last use in this organization",
    }),
    has_password: z
      .boolean()
      .meta({ description: "Whether the account can sign in with a password" }),
    sso: z
      .boolean()
      .meta({ description: "Whether the account is linked to a single sign-on identity" }),
  })
  .meta({ id: "Member" });

export const memberListResponse = z
  .object({
    items: z.array(member),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  })
  .meta({ id: "MemberListResponse" });

export const memberPathParams = z.object({ org: z.string(), user_id: z.uuid() });

export const updateMemberBody = z
  .object({ role: z.enum(roles) })
  .meta({ id: "UpdateMemberRequest" });

export const removedMember = z
  .object({
    user_id: z.string(),
    tokens_revoked: z.number().int().min(0).meta({
      description: "How many of the member's API tokens for this organization were revoked",
    }),
  })
  .meta({ id: "RemovedMember" });
