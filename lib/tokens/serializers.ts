// Tokens in their API shape; the secret appears only in the create response.
import type { z } from "zod";
import type { Scope } from "@/lib/auth/roles";
import type { apiToken } from "./schemas";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: unknown;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  workspace: { slug: string } | null;
  user: { id: string; email: string };
}

export function toApiToken(t: TokenRow, now = new Date()): z.input<typeof apiToken> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes as Scope[],
    workspace: t.workspace?.slug ?? null,
    expires_at: t.expiresAt?.toISOString() ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    created_by: { id: t.user.id, email: t.user.email },
    status: t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active",
  };
}
