// next-auth (v4) configuration: email and password sign-in, JWT sessions. The session cookie is
// also accepted by every /api/v1 route (lib/api/authenticate.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { authSecret } from "../env";
import { db } from "../db/client";
import { DUMMY_HASH, verifyPassword } from "./password";

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Checks an email and password; the user on success, null otherwise (no hint which was wrong). */
export async function checkCredentials(email: string, password: string) {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    omit: { passwordHash: false },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? { id: user.id, email: user.email, name: user.name } : null;
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
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
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
  return options;
}

/** The signed-in user's id in a server component, or null. */
export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return (session?.user as { id?: string } | undefined)?.id ?? null;
}
