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
