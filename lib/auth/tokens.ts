// API tokens: the secret is shown once, stored only as its sha256, and recognised by a visible
// prefix. A token belongs to one user in one org, optionally defaults to a workspace, and carries
// scopes and an optional expiry.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { ApiError } from "../api/errors";
import type { Scope } from "./roles";

export const TOKEN_PREFIX = "qvr_";
const LAST_USED_RESOLUTION_MS = 60_000;

export function generateToken(): { secret: string; prefix: string; hash: string } {
  const secret = TOKEN_PREFIX + randomBytes(30).toString("base64url");
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX.length + 8), hash: hashToken(secret) };
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface ResolvedToken {
  id: string;
  name: string;
  orgId: string;
  workspaceId: string | null;
  scopes: Scope[];
  user: { id: string; email: string; name: string };
}

/** The token a secret names, or a 401 that says why it is refused. */
export async function resolveToken(db: Db, secret: string, now = new Date()): Promise<ResolvedToken> {
  if (!secret.startsWith(TOKEN_PREFIX)) throw new ApiError("unauthenticated", "Invalid API token");
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: {
      id: true, name: true, orgId: true, workspaceId: true, scopes: true, expiresAt: true,
      revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!token) throw new ApiError("unauthenticated", "Invalid API token");
  if (token.revokedAt) throw new ApiError("unauthenticated", "This API token has been revoked");
  if (token.expiresAt && token.expiresAt <= now) throw new ApiError("unauthenticated", "This API token has expired");
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Recorded at a one-minute resolution so that a busy token does not write on every request.
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    id: token.id,
    name: token.name,
    orgId: token.orgId,
    workspaceId: token.workspaceId,
    scopes: token.scopes as Scope[],
    user: token.user,
  };
}
