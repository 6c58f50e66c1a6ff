// The invitation email: plain text and a simple HTML part. Names typed by people (the org's,
// the inviter's) are escaped in the HTML; the link is ours.
import "server-only";
import type { RoleName } from "@/lib/auth/roles";
import { sendMail, type SendResult } from "./mailer";

export { mailConfigured } from "./mailer";

export interface InvitationEmail {
  to: string;
  orgName: string;
  inviterName: string | null;
  role: RoleName;
  acceptUrl: string;
  expiresAt: Date;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Line breaks in a name would let it write more lines of the subject or text than it should.
const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ").trim();

function invitationEmail(input: InvitationEmail): {
  subject: string;
  text: string;
  html: string;
} {
  const org = oneLine(input.orgName);
  const inviter = input.inviterName ? oneLine(input.inviterName) : null;
  const who = inviter ? `${inviter} invited you` : "You are invited";
  const article = input.role === "admin" || input.role === "owner" ? "an" : "a";
  const until = `${input.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const subject = `${who} to join ${org} on Quiver`;
  const text = [
    `${who} to join ${org} on Quiver as ${article} ${input.role}.`,
    "",
    "Accept the invitation:",
    input.acceptUrl,
    "",
    `The link works once and until ${until}. If you did not expect this email, ignore it.`,
    "",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family: sans-serif; line-height: 1.5; color: #111">
<p>${escapeHtml(who)} to join <strong>${escapeHtml(org)}</strong> on Quiver as ${article} ${escapeHtml(input.role)}.</p>
<p><a href="${escapeHtml(input.acceptUrl)}">Accept the invitation</a></p>
<p style="color: #555; font-size: 13px">Or open this link: ${escapeHtml(input.acceptUrl)}<br>
The link works once and until ${escapeHtml(until)}. If you did not expect this email, ignore it.</p>
</body></html>
`;
  return { subject, text, html };
}

/** Sends the invitation; never throws (see sendMail). */
export function sendInvitationEmail(
  input: InvitationEmail,
  opts?: { timeoutMs?: number },
): Promise<SendResult> {
  return sendMail({ to: input.to, ...invitationEmail(input) }, opts);
}
