// What a new password must be, in one place for the API schemas, the CLI and the hashing module:
// at least 8 characters and at most 72 bytes of UTF-8, because bcrypt reads no further and a longer
// password would be silently cut. Pure, so that it can be imported anywhere.
import { z } from "zod";

/** What bcrypt reads of a password, in UTF-8 bytes. */
export const PASSWORD_MAX_BYTES = 72;
const PASSWORD_MIN_LENGTH = 8;

export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  const bytes = passwordBytes(password);
  if (bytes > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes: this one is ${bytes} bytes in UTF-8 (accented letters take 2 bytes, most emoji 4)`;
  }
  return null;
}

/** A new password in a request body: 422 naming the limit when it is too short or too long. */
export const newPasswordSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description: `At least ${PASSWORD_MIN_LENGTH} characters and at most ${PASSWORD_MAX_BYTES} bytes of UTF-8 (bcrypt's limit; longer passwords are refused, never cut).`,
  });
