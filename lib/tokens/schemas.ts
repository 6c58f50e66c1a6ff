// API shapes of API tokens.
import { z } from "zod";
import { scopes } from "@/lib/auth/roles";
import { isoDate } from "@/lib/api/schemas";
import { slug } from "@/lib/orgs/schemas";

export const apiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The visible start of the secret" }),
    scopes: z.array(z.enum(scopes)),
    workspace: z.string().nullable().meta({ description: "Default workspace slug" }),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
    created_by: z.object({ id: z.string(), email: z.string() }),
    status: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "ApiToken" });

export const createdApiToken = apiToken
  .extend({ token: z.string().meta({ description: "The secret. Shown only in this response." }) })
  .meta({ id: "CreatedApiToken" });

export const tokenListResponse = z
  .object({ tokens: z.array(apiToken) })
  .meta({ id: "ApiTokenListResponse" });

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(scopes))
      .min(1)
      .refine((s) => new Set(s).size === s.length, "Scopes must not repeat"),
    workspace: slug.optional().meta({ description: "Default workspace slug" }),
    expires_at: isoDate.optional().meta({ description: "ISO 8601; must be in the future" }),
  })
  .meta({ id: "CreateApiTokenRequest" });

export const tokenPathParams = z.object({ org: z.string(), id: z.uuid() });
