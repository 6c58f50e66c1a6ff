// Single sign-on (OpenID Connect): which Quiver account an identity at the provider signs in as.
// The rules, in order:
// - the provider must give an email, and its domain must be allowed (QUIVER_OIDC_ALLOWED_DOMAINS);
// - an identity seen before (issuer + subject) signs in as the user it is linked to, whatever
//   email the provider gives now (the user's own email stays as it is);
// - an account that already has the email is linked only when the provider says the email is
//   verified (`email_verified: true`); otherwise the sign-in is refused, never linked silently;
// - a new email makes a new user without a password (not with QUIVER_SIGNUP=closed), who joins
//   the orgs whose pending invitations name that email when the provider verified it, or else gets
//   a personal org as at sign-up.
// next-auth's signIn callback (lib/auth/options.ts) calls resolveSsoUser.
import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { acceptPendingInvitationsForEmail } from "@/lib/invitations/service";
import { createOrgWithOwner } from "@/lib/users/service";

export interface SsoClaims {
  /** The provider's issuer (the ID token's `iss`). */
  issuer: string;
  /** The provider's `sub`. */
  subject: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name?: string | null;
}

export interface SsoPolicy {
  signup: "open" | "invite" | "closed";
  /** Lower-case domains; empty allows every domain. */
  allowedDomains: string[];
}

/** Why a sign-in was refused; the sign-in page words each one (lib/auth/sign-in-messages.ts). */
type SsoRefusal = "email_missing" | "domain_not_allowed" | "email_unverified" | "signup_closed";

export type SsoResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string };
      created: boolean;
      linked: boolean;
    }
  | { ok: false; reason: SsoRefusal };

function ssoPolicy(): SsoPolicy {
  const e = env();
  return { signup: e.QUIVER_SIGNUP, allowedDomains: e.QUIVER_OIDC_ALLOWED_DOMAINS };
}

const userFields = { id: true, email: true, name: true } as const;

function domainAllowed(email: string, allowed: string[]): boolean {
  if (allowed.length === 0) return true;
  const at = email.lastIndexOf("@");
  return at > 0 && allowed.includes(email.slice(at + 1));
}

async function resolveOnce(
  db: Db,
  claims: SsoClaims,
  email: string,
  policy: SsoPolicy,
): Promise<SsoResult> {
  const { issuer, subject } = claims;
  const known = await db.userIdentity.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { id: true, user: { select: userFields } },
  });
  if (known) {
    await db.userIdentity.update({
      where: { id: known.id },
      data: { email, lastUsedAt: new Date() },
    });
    return { ok: true, user: known.user, created: false, linked: false };
  }

  const existing = await db.user.findUnique({ where: { email }, select: userFields });
  if (existing) {
    // Anyone can make an account at some provider with someone else's address; only the
    // provider's word that the address is theirs lets the identity into that account.
    if (!claims.emailVerified) return { ok: false, reason: "email_unverified" };
    await db.userIdentity.create({ data: { userId: existing.id, issuer, subject, email } });
    return { ok: true, user: existing, created: false, linked: true };
  }

  if (policy.signup === "closed") return { ok: false, reason: "signup_closed" };
  const name = claims.name?.trim() || email.split("@")[0] || email;
  const user = await db.$transaction(async (tx: Tx) => {
    const created = await tx.user.create({
      data: { email, name, passwordHash: null },
      select: userFields,
    });
    await tx.userIdentity.create({ data: { userId: created.id, issuer, subject, email } });
    // An invitation names an address: only the provider's word that the address is this
    // person's lets the new account take it up (as with linking an existing account).
    const joined = claims.emailVerified ? await acceptPendingInvitationsForEmail(tx, created) : [];
    if (joined.length === 0) await createOrgWithOwner(tx, created, { name: `${name}'s org` });
    return created;
  });
  return { ok: true, user, created: true, linked: false };
}

/** The user an OIDC identity signs in as, creating or linking one by the rules above; or why not. */
export async function resolveSsoUser(
  db: Db,
  claims: SsoClaims,
  policy: SsoPolicy = ssoPolicy(),
): Promise<SsoResult> {
  const email = claims.email?.trim().toLowerCase();
  if (!email || !email.includes("@")) return { ok: false, reason: "email_missing" };
  if (!domainAllowed(email, policy.allowedDomains))
    return { ok: false, reason: "domain_not_allowed" };
  try {
    return await resolveOnce(db, claims, email, policy);
  } catch (err) {
    // Two first sign-ins at once (two tabs): the loser finds what the winner made.
    if ((err as { code?: string })?.code !== "P2002") throw err;
    return resolveOnce(db, claims, email, policy);
  }
}
