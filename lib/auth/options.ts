// next-auth (v4) configuration: email and password sign-in, single sign-on with one OpenID
// Connect provider when QUIVER_OIDC_* are set (the account rules are in lib/auth/sso.ts), and JWT
// sessions backed by a server-side AuthSession row (lib/auth/sessions.ts) that sign-out and a
// password change revoke. The session cookie is also accepted by every /api/v1 route
// (lib/api/authenticate.ts).
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getServerSession } from "next-auth";
import { authSecret, env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { safeCallbackPath } from "./callback-url";
import { DUMMY_HASH, verifyPassword } from "./password";
import { createSession, liveSession, revokeSession } from "./sessions";
import { ssoErrorCode } from "./sign-in-messages";
import { resolveSsoUser } from "./sso";

/** Thrown by the jwt callback for a revoked or expired session: next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super("The session has ended");
    this.name = "SessionEnded";
  }
}

/** Checks an email and password; the user on success, null otherwise (no hint which was wrong). */
export async function checkCredentials(email: string, password: string) {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    omit: { passwordHash: false },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  // An account without a password (single sign-on only) never signs in with one.
  return user?.passwordHash && ok ? { id: user.id, email: user.email, name: user.name } : null;
}

/** The claims Quiver reads from the provider: the ID token's, plus userinfo's when it has no email. */
interface OidcProfile {
  iss: string;
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
}

const OIDC_PROVIDER_ID = "oidc";

/** The configured OpenID Connect provider: issuer, client id and secret all set; else none. */
export function oidcSettings(): {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
} | null {
  const e = env();
  if (!e.QUIVER_OIDC_ISSUER || !e.QUIVER_OIDC_CLIENT_ID || !e.QUIVER_OIDC_CLIENT_SECRET)
    return null;
  return {
    issuer: e.QUIVER_OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: e.QUIVER_OIDC_CLIENT_ID,
    clientSecret: e.QUIVER_OIDC_CLIENT_SECRET,
    name: e.QUIVER_OIDC_NAME,
  };
}

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const s = oidcSettings();
  if (!s) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: s.name,
    type: "oauth",
    wellKnown: `${s.issuer}/.well-known/openid-configuration`,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    // The ID token is checked (signature, issuer, audience, nonce) and names the person.
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      // Many providers put the email in the ID token; those that follow the letter of OIDC for the
      // code flow (oidc-provider among them) give it only at userinfo, whose `sub` openid-client
      // checks against the ID token's.
      async request({ tokens, client }) {
        // With idToken: true, next-auth's tokens are openid-client's TokenSet (typed more loosely).
        const set = tokens as unknown as { claims(): OidcProfile };
        const claims = set.claims();
        if (claims.email) return claims;
        const info = await client.userinfo(set as Parameters<typeof client.userinfo>[0]);
        return { ...info, iss: claims.iss, sub: claims.sub };
      },
    },
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
    },
  };
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (options) return options;
  const oidc = oidcProvider();
  options = {
    secret: authSecret(),
    // The JWT's life is the session's absolute life; the AuthSession row ends it sooner.
    session: { strategy: "jwt", maxAge: env().QUIVER_SESSION_MAX_HOURS * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          return checkCredentials(credentials.email, credentials.password);
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = profile as OidcProfile | undefined;
        if (!claims?.iss || !claims.sub) return `/sign-in?error=${ssoErrorCode("email_missing")}`;
        const result = await resolveSsoUser(db(), {
          issuer: claims.iss,
          subject: claims.sub,
          email: claims.email,
          emailVerified: claims.email_verified === true || claims.email_verified === "true",
          name: claims.name,
        });
        if (!result.ok) {
          log.info("sso: sign-in refused", { reason: result.reason, issuer: claims.iss });
          return `/sign-in?error=${ssoErrorCode(result.reason)}`;
        }
        // next-auth hands this same object to the jwt callback: from here on it is the Quiver user.
        Object.assign(user, result.user);
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // A successful sign-in: a new server-side session, named in the JWT.
          const session = await createSession(db(), user.id);
          return { ...token, sub: user.id, sid: session.id };
        }
        if (!(await liveSession(db(), token.sid, token.sub))) throw new SessionEnded();
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
      // Only this site's paths: `/\evil.example`, `//evil`, `https://evil.example` go home instead.
      redirect({ url, baseUrl }) {
        return baseUrl + safeCallbackPath(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        await revokeSession(db(), token?.sid);
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is expected (next-auth clears its cookie); anything else is logged.
        if (
          code === "JWT_SESSION_ERROR" &&
          (metadata as { name?: string } | undefined)?.name === "SessionEnded"
        )
          return;
        const err =
          metadata instanceof Error
            ? { message: metadata.message, stack: metadata.stack }
            : metadata;
        log.error(`next-auth: ${code}`, { error: err });
      },
      warn(code) {
        log.warn(`next-auth: ${code}`);
      },
      debug() {},
    },
  };
  return options;
}

/** The signed-in user's id in a server component, or null. */
export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return (session?.user as { id?: string } | undefined)?.id ?? null;
}
