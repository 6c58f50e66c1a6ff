// Invitation links: a secret of 32 random bytes (base64url) that only the link carries; the
// database keeps its sha256, as for API tokens, and a link is found by hashing what it presents.
import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";

export function newInvitationSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashToken(secret) };
}

export const invitationHash = (secret: string) => hashToken(secret);

/** Where links point: NEXTAUTH_URL when set (the public address), else the request's origin. */
export function publicBaseUrl(req: Request): string {
  return (env().NEXTAUTH_URL ?? new URL(req.url).origin).replace(/\/+$/, "");
}

export function acceptUrl(baseUrl: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/invite/${secret}`;
}
