// Who is calling: an API token (`Authorization: Bearer qvr_...`) or a next-auth session cookie.
import { decode } from "next-auth/jwt";
import type { Db } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { resolveToken, type ResolvedToken } from "@/lib/auth/tokens";
import { liveSession } from "@/lib/auth/sessions";
import type { Scope } from "@/lib/auth/roles";
import { ApiError } from "./errors";

export interface Actor {
  type: "user" | "token";
  userId: string;
  email: string;
  name: string;
  /** Scopes the caller holds; a session holds them all. */
  scopes: readonly Scope[];
  token?: { id: string; name: string; orgId: string; workspaceId: string | null };
  /** For a browser session: its AuthSession id. */
  sessionId?: string;
  /** When these credentials stop working unless used again (null: never); a watch looks again then. */
  expiresAt?: Date | null;
}

export interface Authenticated {
  actor: Actor;
  /** For a token: the requested org, resolved with the token (null when it is not visible). */
  tokenAccess?: ResolvedToken["access"];
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        // A malformed escape (`%E0%A4%A`) is no value: the caller is treated as sending none.
        return undefined;
      }
    }
  }
  return undefined;
}

/** The session cookie's claims (user and session id), or null when there is none that decodes. */
async function sessionClaims(
  cookieHeader: string | null,
): Promise<{ sub: string; sid: unknown } | null> {
  for (const name of SESSION_COOKIES) {
    const value = readCookie(cookieHeader, name);
    if (!value) continue;
    try {
      const payload = await decode({ token: value, secret: authSecret() });
      if (payload?.sub) return { sub: payload.sub, sid: payload.sid };
    } catch {
      // A cookie that does not decode is no session.
    }
  }
  return null;
}

/**
 * The caller, or null when the request carries no credentials at all. Bad credentials → 401.
 * `orgSlug` is the org the request names, and `workspaceSlug` the workspace it names in it, both
 * resolved together with a token in one query.
 */
export async function authenticate(
  db: Db,
  req: Request,
  orgSlug: string | null = null,
  workspaceSlug: string | null = null,
): Promise<Authenticated | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1])
      throw new ApiError("unauthenticated", "The Authorization header must be 'Bearer <token>'");
    const token = await resolveToken(db, match[1], orgSlug, new Date(), workspaceSlug);
    const actor: Actor = {
      type: "token",
      userId: token.user.id,
      email: token.user.email,
      name: token.user.name,
      scopes: token.scopes,
      token: { id: token.id, name: token.name, orgId: token.orgId, workspaceId: token.workspaceId },
      expiresAt: token.expiresAt,
    };
    return { actor, tokenAccess: token.access };
  }
  const claims = await sessionClaims(req.headers.get("cookie"));
  if (!claims) return null;
  // The session row decides, not the cookie: signed out, password changed or expired → 401.
  const session = await liveSession(db, claims.sid, claims.sub);
  if (!session) throw new ApiError("unauthenticated", "Your session has ended; sign in again");
  const { user } = session;
  return {
    actor: {
      type: "user",
      userId: user.id,
      email: user.email,
      name: user.name,
      scopes: ["read", "write", "admin"],
      sessionId: session.id,
      expiresAt: session.expiresAt,
    },
  };
}
