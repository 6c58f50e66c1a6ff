// The capability page's version, for the page and its title alike (React's cache: one read per
// request): the version the URL asks for, else the latest with the asked one named, so that the
// page says it does not exist instead of silently showing another. null: no capability by that
// name that this org may read (a 404, whatever the reason).
import "server-only";
import { cache } from "react";
import { getVersion } from "@/lib/catalog/service";
import { pageOrgCtx } from "@/lib/orgs/page-context";
import { missingAsNull } from "@/lib/pages/load";
import { isVersion } from "@/lib/versions";

export const pageVersion = cache(async (slug: string, name: string, asked: string | undefined) => {
  const ctx = await pageOrgCtx(slug);
  const found = isVersion(asked) ? await getVersion(ctx, name, asked).catch(missingAsNull) : null;
  if (found) return { ctx, v: found, missing: null };
  const latest = await getVersion(ctx, name).catch(missingAsNull);
  return latest && { ctx, v: latest, missing: asked || null };
});
