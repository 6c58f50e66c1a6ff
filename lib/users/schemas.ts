// API shapes of sign-up.
import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-rules";

export const signUpBody = z
  .object({
    email: z.email().max(254),
    password: newPasswordSchema,
    name: z.string().trim().max(100).optional(),
    invitation: z.string().min(1).max(200).optional().meta({
      description:
        "The secret of an invitation link (/invite/<secret>); its email must be this one",
    }),
  })
  .meta({ id: "SignUpRequest" });

export const changePasswordBody = z
  .object({
    current_password: z.string().min(1, "Enter your current password").max(1024),
    new_password: newPasswordSchema,
  })
  .meta({ id: "ChangePasswordRequest" });

export const changePasswordResponse = z
  .object({
    /** How many other sessions of this user were signed out; the caller's own stays. */
    sessions_ended: z.number().int().min(0),
  })
  .meta({ id: "ChangePasswordResponse" });

export const signUpResponse = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    org: z.object({ slug: z.string(), name: z.string() }),
    workspace: z.object({ slug: z.string() }),
  })
  .meta({ id: "SignUpResponse" });

export const account = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    has_password: z
      .boolean()
      .meta({ description: "Whether the account can sign in with a password" }),
    sso: z
      .boolean()
      .meta({ description: "Whether the account is linked to a single sign-on identity" }),
  })
  .meta({ id: "Account" });

export const updateAccountBody = z
  .object({ name: z.string().trim().min(1).max(100) })
  .meta({ id: "UpdateAccountRequest" });

export const signOutEverywhereResponse = z
  .object({
    /** Every live session of the user, the caller's included. */
    sessions_ended: z.number().int().min(0),
  })
  .meta({ id: "SignOutEverywhereResponse" });
