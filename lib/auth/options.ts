// next-auth (v4) configuration: email and password sign-in, JWT sessions backed by a server-side
// AuthSession row (lib/auth/sessions.ts) that sign-out and a password change revoke. The session
// cookie is also accepted by every /api/v1 route (lib/api/authenticate.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { authSecret, env } from "../env";
import { db } from "../db/client";
import { log } from "../log";
import { safeCallbackPath } from "./callback-url";
import { DUMMY_HASH, verifyPassword } from "./password";
import { createSession, liveSession, revokeSession } from "./sessions";

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

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: authSecret(),
    // The JWT's life is the session's absolute life; the AuthSession row ends it sooner.
    session: { strategy: "jwt", maxAge: env().QUIVER_SESSION_MAX_HOURS * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          return checkCredentials(credentials.email, credentials.password);
        },
      }),
    ],
    callbacks: {
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
        if (code === "JWT_SESSION_ERROR" && (metadata as { name?: string } | undefined)?.name === "SessionEnded") return;
        const err = metadata instanceof Error ? { message: metadata.message, stack: metadata.stack } : metadata;
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
