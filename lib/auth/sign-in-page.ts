// What the sign-in page offers besides the form (pure, so it is tested without a browser): the
// sign-up link, which depends on QUIVER_SIGNUP and on whether an invitation brought the visitor,
// and the email it pre-fills.
import type { SignupMode } from "@/lib/invitations/sign-up";

/** The secret of an invitation's accept page (`/invite/<secret>`) when that is where sign-in returns to. */
export function invitationSecretIn(callbackPath: string): string | null {
  const m = /^\/invite\/([A-Za-z0-9_-]{8,200})$/.exec(callbackPath);
  return m ? m[1]! : null;
}

/**
 * Where "Create one" goes, or null when this visitor cannot sign up: `open` offers it to everyone,
 * `invite` only on the way through an invitation (whose secret and email the sign-up page takes),
 * `closed` never (an operator creates accounts).
 */
export function signUpHref(mode: SignupMode, callbackPath: string, email: string): string | null {
  const invitation = invitationSecretIn(callbackPath);
  if (mode === "closed" || (mode === "invite" && !invitation)) return null;
  if (!invitation) return "/sign-up";
  return `/sign-up?${new URLSearchParams({ invitation, ...(email ? { email } : {}) })}`;
}

/** `?email=` as the form's initial value: one value, trimmed, no longer than an address can be. */
export function prefillEmail(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? "").trim().slice(0, 320);
}
