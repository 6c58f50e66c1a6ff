// What a refused sign-in tells the browser and what the sign-in form says about it (client-safe:
// no server imports). next-auth's signIn() passes on only the `error` parameter of the URL the
// server returns, so a lock travels as `TooManySignIns:<seconds>`.
export const TOO_MANY_SIGN_INS = "TooManySignIns";

/** "45 seconds", "1 minute", "2 minutes", "3 hours": how long to wait, for people. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.ceil(minutes / 60)} hours`;
}

/** The sign-in form's message for a `TooManySignIns:<seconds>` error, or null for any other. */
export function tooManySignInsMessage(error: string | null | undefined): string | null {
  const m = new RegExp(`^${TOO_MANY_SIGN_INS}:(\\d+)$`).exec(error ?? "");
  if (!m) return null;
  return `Too many failed sign-ins. Try again in ${waitText(Number(m[1]))}.`;
}

/** A refused single sign-on (lib/auth/sso.ts's reasons) as the `error` parameter of /sign-in. */
const SSO_ERRORS = {
  email_missing: "SsoNoEmail",
  domain_not_allowed: "SsoDomain",
  email_unverified: "SsoUnverifiedEmail",
  signup_closed: "SsoSignupClosed",
} as const;

export function ssoErrorCode(reason: keyof typeof SSO_ERRORS): string {
  return SSO_ERRORS[reason];
}

const ERROR_MESSAGES: Record<string, string> = {
  [SSO_ERRORS.email_missing]:
    "Your single sign-on provider did not give Quiver an email address, so you cannot sign in with it. Ask your administrator to release the email claim to Quiver.",
  [SSO_ERRORS.domain_not_allowed]:
    "Your email address is not in a domain this Quiver accepts for single sign-on. Sign in with an account of your organization, or ask your administrator.",
  [SSO_ERRORS.email_unverified]:
    "A Quiver account with this email already exists, but your single sign-on provider has not verified the address, so it was not linked to that account. Sign in with your password, or ask your administrator to verify your email at the provider.",
  [SSO_ERRORS.signup_closed]:
    "There is no Quiver account for you yet, and accounts are created by an operator here. Ask your administrator for an account or an invitation.",
  // next-auth's own codes for an OAuth round trip that failed (provider unreachable, state lost, denied).
  OAuthSignin:
    "Single sign-on could not start: the provider did not answer. Try again in a moment, or sign in with your password.",
  OAuthCallback:
    "Single sign-on did not complete. Try again; if it keeps failing, tell your administrator.",
  Callback:
    "Single sign-on did not complete. Try again; if it keeps failing, tell your administrator.",
  AccessDenied: "Single sign-on was refused. Ask your administrator for access.",
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Sign in to see that page.",
};

/** What the sign-in page says about the `error` parameter next-auth (or lib/auth/options.ts) sent it to. */
export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  return (
    tooManySignInsMessage(error) ??
    ERROR_MESSAGES[error] ??
    "Sign-in failed. Check your email and password."
  );
}
