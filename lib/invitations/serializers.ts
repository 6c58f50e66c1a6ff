// Invitations in their API shapes. The secret is never in a row: only the create and resend
// answers carry the link.
import type { z } from "zod";
import type { RoleName } from "@/lib/auth/roles";
import type { invitation, publicInvitation } from "./schemas";

export interface InvitationRow {
  id: string;
  email: string;
  role: RoleName;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  emailSentAt: Date | null;
  emailError: string | null;
  invitedBy: { name: string; email: string } | null;
}

type PublicStatus = z.infer<typeof publicInvitation>["status"];

function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): PublicStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "pending";
}

export function toInvitation(row: InvitationRow, now = new Date()): z.input<typeof invitation> {
  const status = invitationStatus(row, now);
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    // The admin's view never holds accepted ones; a revoke answers "revoked".
    status: status === "accepted" ? "revoked" : status,
    invited_by: row.invitedBy ? { name: row.invitedBy.name, email: row.invitedBy.email } : null,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    email_sent_at: row.emailSentAt?.toISOString() ?? null,
    email_error: row.emailError,
  };
}

export function toPublicInvitation(
  row: {
    email: string;
    role: RoleName;
    expiresAt: Date;
    acceptedAt: Date | null;
    revokedAt: Date | null;
    org: { slug: string; name: string };
    invitedBy: { name: string } | null;
  },
  accountExists: boolean,
  now = new Date(),
): z.input<typeof publicInvitation> {
  return {
    org: { slug: row.org.slug, name: row.org.name },
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    invited_by: row.invitedBy ? { name: row.invitedBy.name } : null,
    expires_at: row.expiresAt.toISOString(),
    account_exists: accountExists,
  };
}
