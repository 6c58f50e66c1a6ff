// Orgs and workspaces in their API shape.
import type { z } from "zod";
import type { organization, workspace } from "./schemas";

export function toOrganization(
  o: { id: string; slug: string; name: string; createdAt: Date },
  role: z.input<typeof organization>["role"],
): z.input<typeof organization> {
  return { id: o.id, slug: o.slug, name: o.name, role, created_at: o.createdAt.toISOString() };
}

export function toWorkspace(w: {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}): z.input<typeof workspace> {
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}
