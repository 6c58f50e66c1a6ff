// API shapes of invitations: the admin's list and create/resend answers, and the public view of
// an invitation link that the accept page reads before anyone signs in.
import { z } from "zod";
import { roles } from "@/lib/auth/roles";

export const invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(roles),
    status: z
      .enum(["pending", "expired", "revoked"])
      .meta({ description: "Lists hold pending and expired ones; a revoke answers `revoked`" }),
    invited_by: z
      .object({ name: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "Null when the inviter's account is gone" }),
    created_at: z.string(),
    expires_at: z.string(),
    email_sent_at: z.string().nullable().meta({
      description: "When the email was handed to the SMTP server; null when none was sent",
    }),
    email_error: z
      .string()
      .nullable()
      .meta({ description: "Why the last email could not be sent, in words" }),
  })
  .meta({ id: "Invitation" });

export const invitationListResponse = z
  .object({ items: z.array(invitation), total: z.number().int() })
  .meta({ id: "InvitationListResponse" });

export const invitationWithLink = z
  .object({
    invitation,
    accept_url: z.string().meta({
      description:
        "The link to give the invitee. Shown only in this response: only its hash is stored.",
    }),
  })
  .meta({ id: "InvitationWithLink" });

export const createInvitationBody = z
  .object({
    email: z.email().max(254),
    role: z.enum(roles).meta({ description: "At most the inviter's own role" }),
  })
  .meta({ id: "CreateInvitationRequest" });

export const invitationPathParams = z.object({ org: z.string(), id: z.uuid() });

export const invitationTokenParams = z.object({ token: z.string().min(1).max(200) });

export const publicInvitation = z
  .object({
    org: z.object({ slug: z.string(), name: z.string() }),
    email: z.string(),
    role: z.enum(roles),
    status: z.enum(["pending", "expired", "revoked", "accepted"]),
    invited_by: z.object({ name: z.string() }).nullable(),
    expires_at: z.string(),
    account_exists: z.boolean().meta({
      description: "Whether an account with the invited email exists (sign in rather than sign up)",
    }),
  })
  .meta({ id: "PublicInvitation" });

export const acceptInvitationResponse = z
  .object({
    org: z.object({ slug: z.string(), name: z.string() }),
    role: z.enum(roles).meta({
      description: "The caller's role in the org now (the higher one when already a member)",
    }),
  })
  .meta({ id: "AcceptInvitationResponse" });
