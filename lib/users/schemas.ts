// API shapes of sign-up.
import { z } from "zod";

export const signUpBody = z
  .object({
    email: z.email().max(254),
    password: z.string().min(8, "Use at least 8 characters").max(200),
    name: z.string().trim().max(100).optional(),
  })
  .meta({ id: "SignUpRequest" });

export const signUpResponse = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    org: z.object({ slug: z.string(), name: z.string() }),
    workspace: z.object({ slug: z.string() }),
  })
  .meta({ id: "SignUpResponse" });
