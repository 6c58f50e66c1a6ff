// API shapes of orgs and workspaces.
import { z } from "zod";
import { roles } from "@/lib/auth/roles";

export const slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "Use lower-case letters, digits and hyphens (at most 63), starting with a letter or digit",
  );

export const organization = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    role: z.enum(roles).meta({ description: "The caller's role in this organization" }),
    created_at: z.string(),
  })
  .meta({ id: "Organization" });

/** First path segments of the app's own pages and APIs, which an org slug would shadow. */
export const RESERVED_ORG_SLUGS = [
  "account",
  "api",
  "docs",
  "invite",
  "invitations",
  "new",
  "settings",
  "sign-in",
  "sign-out",
  "sign-up",
  "welcome",
];

/**
 * An org slug, as sign-up derives them: lower-case letters, digits and hyphens, 2 to 40
 * characters, starting and ending with a letter or digit.
 */
const orgSlug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/,
    "Use 2 to 40 lower-case letters, digits and hyphens, starting and ending with a letter or digit",
  )
  .refine((s) => !RESERVED_ORG_SLUGS.includes(s), {
    error: (iss) => `'${String(iss.input)}' is reserved for the app's own pages`,
  });

export const createOrgBody = z
  .object({ slug: orgSlug, name: z.string().trim().min(1).max(100) })
  .meta({ id: "CreateOrganizationRequest" });

export const orgListResponse = z
  .object({ orgs: z.array(organization) })
  .meta({ id: "OrganizationListResponse" });

export const workspace = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Workspace" });

export const workspaceListResponse = z
  .object({ workspaces: z.array(workspace) })
  .meta({ id: "WorkspaceListResponse" });

/** Page paths under /{org}/ that a workspace slug would collide with. */
const RESERVED_WORKSPACE_SLUGS = ["catalog", "compare", "settings"];

export const createWorkspaceBody = z
  .object({
    slug: slug.refine((s) => !RESERVED_WORKSPACE_SLUGS.includes(s), {
      error: (iss) => `'${String(iss.input)}' is reserved for the dashboard's own pages`,
    }),
    name: z.string().trim().min(1).max(100),
  })
  .meta({ id: "CreateWorkspaceRequest" });

export const orgPathParams = z.object({ org: z.string() });
