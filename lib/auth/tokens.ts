// API tokens: the secret is shown once, stored only as its sha256, and recognised by a visible
// prefix. A token belongs to one user in one org, optionally defaults to a workspace, and carries
// scopes and an optional expiry.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { asDate } from "@/lib/db/direct";
import { ApiError } from "@/lib/api/errors";
import { lookupToken } from "./token-lookup";
import type { RoleName, Scope } from "./roles";

const TOKEN_PREFIX = "qvr_";
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
  /** When it stops working; null: never. */
  expiresAt: Date | null;
  user: { id: string; email: string; name: string };
  /**
   * The org named by the request, when it is the token's org and the user is still a member; with
   * the workspace the request names in it (null: no such workspace), when it names one.
   */
  access: {
    org: { id: string; slug: string; name: string };
    role: RoleName;
    workspace?: { id: string; slug: string; name: string } | null;
  } | null;
}

// Raw values differ by provider: SQLite returns Json as text and dates as text or numbers.
const asDateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : asDate(v);
const asScopes = (v: unknown): Scope[] =>
  typeof v === "string" ? (JSON.parse(v) as Scope[]) : (v as Scope[]);

/**
 * The last-use writes this process made (or is making) within the last minute, by token, oldest
 * first: at most one per minute each.
 */
const lastUseWrites = new Map<string, { at: number; write: Promise<unknown> }>();

/**
 * Records the token's use at a one-minute resolution, so that a busy token does not write on every
 * request. The requests that read the old time together (long-polls re-issued at once, a batch of
 * lookups) share this process's one write instead of making one each.
 */
async function recordUse(db: Db, tokenId: string, lastUsedAt: Date | null, now: Date) {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS) return;
  const mine = lastUseWrites.get(tokenId);
  if (mine && now.getTime() - mine.at <= LAST_USED_RESOLUTION_MS) return void (await mine.write);
  // Entries older than a minute go from the front (each write is added at the end).
  for (const [id, w] of lastUseWrites) {
    if (now.getTime() - w.at <= LAST_USED_RESOLUTION_MS) break;
    lastUseWrites.delete(id);
  }
  lastUseWrites.delete(tokenId);
  // A Prisma query runs when first awaited: made a promise here, so the callers share one run.
  const write = Promise.resolve(
    db.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: now } }),
  );
  lastUseWrites.set(tokenId, { at: now.getTime(), write });
  try {
    await write;
  } catch (err) {
    if (lastUseWrites.get(tokenId)?.write === write) lastUseWrites.delete(tokenId);
    throw err;
  }
}

/**
 * The token a secret names, with the org the request names (`orgSlug`), and the workspace it
 * names in that org (`workspaceSlug`), resolved in the same query: this runs on every API request,
 * so it is one indexed lookup (./token-lookup.ts; on PostgreSQL, lookups arriving together share
 * one). Refused tokens → 401 saying why. Nothing is cached, so revocation and expiry hold from the
 * next request on.
 */
export async function resolveToken(
  db: Db,
  secret: string,
  orgSlug: string | null = null,
  now = new Date(),
  workspaceSlug: string | null = null,
): Promise<ResolvedToken> {
  if (!secret.startsWith(TOKEN_PREFIX)) throw new ApiError("unauthenticated", "Invalid API token");
  const row = await lookupToken(db, hashToken(secret), orgSlug, workspaceSlug);
  if (!row) throw new ApiError("unauthenticated", "Invalid API token");
  if (row.revokedAt !== null && row.revokedAt !== undefined)
    throw new ApiError("unauthenticated", "This API token has been revoked");
  const expiresAt = asDateOrNull(row.expiresAt);
  if (expiresAt && expiresAt <= now)
    throw new ApiError("unauthenticated", "This API token has expired");
  await recordUse(db, row.tokenId, asDateOrNull(row.lastUsedAt), now);
  return {
    id: row.tokenId,
    name: row.tokenName,
    orgId: row.tokenOrgId,
    workspaceId: row.tokenWorkspaceId,
    scopes: asScopes(row.scopes),
    expiresAt,
    user: { id: row.userId, email: row.email, name: row.userName },
    access:
      row.orgId && row.orgSlug && row.orgName && row.role
        ? {
            org: { id: row.orgId, slug: row.orgSlug, name: row.orgName },
            role: row.role as RoleName,
            ...(workspaceSlug === null
              ? {}
              : {
                  workspace: row.workspaceId
                    ? { id: row.workspaceId, slug: row.workspaceSlug!, name: row.workspaceName! }
                    : null,
                }),
          }
        : null,
  };
}
